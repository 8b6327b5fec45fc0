import type { AppContext } from '../../context.js';
import { forbidden, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { hashToken, newToken } from '../auth/secrets.js';
import { findTarget, mayCreateFeed, type FeedTarget } from './access.js';
import type { CalendarTokenRow, FeedScope } from './repository.js';

export interface NewFeed {
  id: number;
  /** Shown once, never stored: only its hash is. */
  token: string;
  httpsUrl: string;
  webcalUrl: string;
  target: FeedTarget;
  language: Lang;
}

export interface OwnFeed {
  id: number;
  scope: FeedScope;
  targetId: number;
  /** Undefined when the adviser, city or service no longer exists. */
  target: FeedTarget | undefined;
  language: string;
  createdAt: string;
}

export function feedUrls(baseUrl: string, token: string): { httpsUrl: string; webcalUrl: string } {
  const httpsUrl = `${baseUrl}/calendar/${token}.ics`;
  return { httpsUrl, webcalUrl: httpsUrl.replace(/^https?:\/\//, 'webcal://') };
}

/** The target, if it exists, is active and the user may subscribe to it; else 404 or 403. */
function allowedTarget(ctx: AppContext, user: CurrentUser, scope: FeedScope, id: number): FeedTarget {
  const target = findTarget(ctx.repos.calendar, scope, id);
  if (!target?.active) throw notFound();
  if (!mayCreateFeed(user, target)) throw forbidden();
  return target;
}

function issue(ctx: AppContext, user: CurrentUser, target: FeedTarget, language: Lang): NewFeed {
  const token = newToken();
  const id = ctx.repos.calendar.insertToken({
    scope: target.scope,
    targetId: target.id,
    hash: hashToken(token),
    createdBy: user.id,
    language,
    at: ctx.clock.now().toISOString(),
  });
  return { id, token, ...feedUrls(ctx.config.baseUrl, token), target, language };
}

export function createFeed(ctx: AppContext, user: CurrentUser, input: { scope: FeedScope; id: number; language: Lang }): NewFeed {
  return ctx.db.transaction(() => issue(ctx, user, allowedTarget(ctx, user, input.scope, input.id), input.language)).immediate();
}

/** The user's own live token; others' tokens are as good as missing. */
function ownToken(ctx: AppContext, user: CurrentUser, tokenId: number): CalendarTokenRow {
  const row = ctx.repos.calendar.tokenById(tokenId);
  if (!row || row.revoked_at !== null || row.created_by !== user.id) throw notFound();
  return row;
}

/** A new link for the same feed; the old one stops working at once. */
export function renewFeed(ctx: AppContext, user: CurrentUser, tokenId: number): NewFeed {
  return ctx.db
    .transaction(() => {
      const old = ownToken(ctx, user, tokenId);
      // The rules are checked again: the user's role or city may have changed.
      const target = allowedTarget(ctx, user, old.scope, old.target_id);
      ctx.repos.calendar.revokeToken(old.id, ctx.clock.now().toISOString());
      return issue(ctx, user, target, asLang(old.language));
    })
    .immediate();
}

export function revokeFeed(ctx: AppContext, user: CurrentUser, tokenId: number): void {
  ctx.db
    .transaction(() => {
      const row = ownToken(ctx, user, tokenId);
      ctx.repos.calendar.revokeToken(row.id, ctx.clock.now().toISOString());
    })
    .immediate();
}

export function ownFeeds(ctx: AppContext, user: CurrentUser): OwnFeed[] {
  return ctx.repos.calendar.activeTokensByCreator(user.id).map((row) => ({
    id: row.id,
    scope: row.scope,
    targetId: row.target_id,
    target: findTarget(ctx.repos.calendar, row.scope, row.target_id),
    language: row.language,
    createdAt: row.created_at,
  }));
}

export function asLang(value: string): Lang {
  return value === 'sv' || value === 'en' ? value : 'fi';
}
