import type { AppContext } from '../../context.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { CurrentUser, Role } from '../../http/types.js';
import type { FieldErrors, Parsed } from '../../http/validation.js';
import type { Translate } from '../../i18n/index.js';
import type { UserRow } from './repository.js';
import type { UserCreate, UserEdit } from './schemas.js';

interface Link {
  role: Role;
  cityId?: number | undefined;
  adviserId?: number | undefined;
}

/**
 * A supervisor needs an existing city, an adviser an existing adviser record
 * that no other user is linked to; an admin has neither.
 */
function resolveLink(ctx: AppContext, input: Link, userId: number | null, t: Translate): Parsed<{ cityId: number | null; adviserId: number | null }> {
  const errors: FieldErrors = {};
  if (input.role === 'supervisor') {
    if (input.cityId === undefined) errors.cityId = t('users.cityRequired');
    else if (!ctx.repos.advisers.cities().some((c) => c.id === input.cityId)) errors.cityId = t('errors.unknownId');
  }
  if (input.role === 'adviser') {
    if (input.adviserId === undefined) errors.adviserId = t('users.adviserRequired');
    else if (!ctx.repos.advisers.byId(input.adviserId)) errors.adviserId = t('errors.unknownId');
    else {
      const linked = ctx.repos.users.byAdviser(input.adviserId);
      if (linked && linked.id !== userId) errors.adviserId = t('users.adviserTaken', { user: linked.username });
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    data: {
      cityId: input.role === 'supervisor' ? (input.cityId as number) : null,
      adviserId: input.role === 'adviser' ? (input.adviserId as number) : null,
    },
  };
}

export function getUser(ctx: AppContext, id: number): UserRow {
  const user = ctx.repos.users.byId(id);
  if (!user) throw notFound();
  return user;
}

export async function createUser(ctx: AppContext, input: UserCreate, t: Translate): Promise<Parsed<UserRow>> {
  const link = resolveLink(ctx, input, null, t);
  const errors: FieldErrors = link.ok ? {} : { ...link.errors };
  if (ctx.repos.users.byUsername(input.username)) errors.username = t('errors.duplicateUsername');
  if (!link.ok || Object.keys(errors).length) return { ok: false, errors };
  const passwordHash = await ctx.hasher.hash(input.password);
  const id = ctx.db
    .transaction(() => {
      // Checked again inside the write lock: another request may have taken the name while we hashed.
      if (ctx.repos.users.byUsername(input.username)) return null;
      return ctx.repos.users.insert({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        cityId: link.data.cityId,
        adviserId: link.data.adviserId,
        language: input.language || null,
      });
    })
    .immediate();
  if (id === null) return { ok: false, errors: { username: t('errors.duplicateUsername') } };
  return { ok: true, data: getUser(ctx, id) };
}

/** Deactivating a user ends their sessions and revokes their API tokens in the same transaction. */
export function updateUser(ctx: AppContext, actor: CurrentUser, id: number, version: number | null, input: UserEdit, t: Translate): Parsed<UserRow> {
  getUser(ctx, id);
  if (version === null) return { ok: false, errors: { _form: t('errors.stale_version') } };
  const link = resolveLink(ctx, input, id, t);
  if (!link.ok) return link;
  if (id === actor.id && (!input.active || input.role !== 'admin')) return { ok: false, errors: { role: t('users.notYourself') } };
  ctx.db
    .transaction(() => {
      const saved = ctx.repos.users.update({
        id,
        version,
        displayName: input.displayName,
        role: input.role,
        cityId: link.data.cityId,
        adviserId: link.data.adviserId,
        language: input.language || null,
        active: input.active ? 1 : 0,
      });
      if (!saved) throw new HttpError(409, 'stale_version');
      if (!input.active) endAccess(ctx, id);
    })
    .immediate();
  return { ok: true, data: getUser(ctx, id) };
}

/** An admin sets a new password; the user's sessions and API tokens end so the old password's access does not linger. */
export async function resetPassword(ctx: AppContext, id: number, version: number | null, password: string): Promise<void> {
  getUser(ctx, id);
  const hash = await ctx.hasher.hash(password);
  ctx.db
    .transaction(() => {
      if (version === null || !ctx.repos.users.setPasswordAt(id, version, hash)) throw new HttpError(409, 'stale_version');
      endAccess(ctx, id);
    })
    .immediate();
}

/** A user changes their own password; the current one is required. Returns field errors or null. */
export async function changeOwnPassword(
  ctx: AppContext,
  userId: number,
  input: { currentPassword: string; newPassword: string; confirmPassword: string },
  t: Translate,
): Promise<FieldErrors | null> {
  const user = getUser(ctx, userId);
  if (input.newPassword !== input.confirmPassword) return { confirmPassword: t('profile.passwordsDiffer') };
  if (!(await ctx.hasher.verify(user.password_hash, input.currentPassword))) return { currentPassword: t('profile.currentWrong') };
  const hash = await ctx.hasher.hash(input.newPassword);
  ctx.db
    .transaction(() => {
      if (!ctx.repos.users.setPasswordAt(userId, user.version, hash)) throw new HttpError(409, 'stale_version');
      endAccess(ctx, userId);
    })
    .immediate();
  return null;
}

/**
 * A new password or a deactivation ends every way in that the old state gave:
 * browser sessions and API tokens (a token made by someone who had the old
 * password must not outlive it). Runs inside the caller's transaction.
 */
function endAccess(ctx: AppContext, userId: number): void {
  ctx.repos.sessions.removeForUser(userId);
  ctx.repos.apiTokens.revokeForUser(userId);
}
