import type { AppContext } from '../../context.js';
import { forbidden, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import { createApiToken } from '../auth/rules.js';

/** Everyone creates tokens only for themselves; a token acts with its user's role. */
export function createOwnToken(ctx: AppContext, actor: CurrentUser, label: string): { id: number; token: string } {
  return ctx.db.transaction(() => createApiToken(ctx, actor.id, label)).immediate();
}

/** Tokens the actor sees: their own, or every user's for an admin (never the hash). */
export function visibleTokens(ctx: AppContext, actor: CurrentUser) {
  const rows = actor.role === 'admin' ? ctx.repos.apiTokens.all() : ctx.repos.apiTokens.forUser(actor.id);
  const names = new Map(ctx.repos.users.all().map((u) => [u.id, u.username]));
  return rows.map((r) => ({ ...r, username: names.get(r.user_id) ?? '', own: r.user_id === actor.id }));
}

/** A user revokes their own tokens; an admin any. Revoking twice is harmless. */
export function revokeToken(ctx: AppContext, actor: CurrentUser, id: number): void {
  const token = ctx.repos.apiTokens.byId(id);
  if (!token) throw notFound();
  if (token.user_id !== actor.id && actor.role !== 'admin') throw forbidden();
  ctx.db.transaction(() => ctx.repos.apiTokens.revoke(id)).immediate();
}
