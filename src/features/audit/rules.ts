/**
 * The change log: how to record a change (read this first).
 *
 *   recordChange(ctx, {
 *     userId: user.id,                 // who acted (null only for the system)
 *     kind: 'webhook.create',          // "<object>.<verb>", lower case
 *     entity: 'webhook', entityId: id, // what row changed
 *     object: { type: 'webhook', id, name: url },   // how to name it to a reader
 *     before: {...}, after: {...},     // plain values (ids, dates, codes), no prose
 *     overrideReason,                  // when a rule was overridden, the reason given
 *   });
 *
 * Call it inside the transaction that makes the change, after the write. Store
 * structured data only: labels, summaries and before/after are put into words
 * in the reader's language when read (src/features/changes/present.ts), so a
 * log written in Finnish reads in Swedish too. `object` fields the reader
 * knows: serviceId, cityId, adviserId (named from the database), date, from,
 * to (local dates), start, end (instants), name (a plain name as it was).
 * Every successful write through an unsafe route must record a change, or be
 * listed as exempt in tests/changes-coverage.test.ts with a reason.
 */
import type { AppContext } from '../../context.js';
import { addDays, wallToUtc } from '../../time/zone.js';
import { reconcileAcceptances } from '../planning/acceptance.js';
import type { AuditFilterParams, AuditRow } from './repository.js';
import { writeChangeEntry, type ChangeInput } from './entry.js';

export { CHANGE_KINDS, affectedAdvisers, type ChangeInput, type ChangeKind, type ObjectRef } from './entry.js';

export const PAGE_SIZE = 50;

/**
 * Writes one change to the log and returns its id; a change to a city's part
 * of an accepted range withdraws that acceptance (in the same transaction).
 * See the top of this file and entry.ts.
 */
export function recordChange(ctx: AppContext, change: ChangeInput): number {
  const id = writeChangeEntry(ctx, change);
  if (change.kind !== 'roster.withdraw') reconcileAcceptances(ctx, change.userId);
  return id;
}

/** The change log filter as the page reads it: local dates, inclusive. */
export interface ChangeFilter {
  from?: string | undefined;
  to?: string | undefined;
  cityId?: number | undefined;
  adviserId?: number | undefined;
  kind?: string | undefined;
}

export interface ChangePage {
  rows: AuditRow[];
  total: number;
  page: number;
  pages: number;
}

// Instants are compared as strings, so bounds use the same millisecond form as `at`.
const startOfDay = (date: string): string => new Date(wallToUtc(date, '00:00')).toISOString();

function toParams(f: ChangeFilter): AuditFilterParams {
  return {
    from: f.from ? startOfDay(f.from) : null,
    to: f.to ? startOfDay(addDays(f.to, 1)) : null,
    cityId: f.cityId ?? null,
    adviserId: f.adviserId ?? null,
    kind: f.kind ?? null,
  };
}

const pageOf = (page: number, total: number) => {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return { page: Math.min(Math.max(1, page), pages), pages };
};

/** One page (1-based, newest first) of the whole change log. */
export function listChanges(ctx: AppContext, filter: ChangeFilter, page = 1): ChangePage {
  const params = toParams(filter);
  const total = ctx.repos.audit.count(params);
  const p = pageOf(page, total);
  return { rows: ctx.repos.audit.page(params, PAGE_SIZE, (p.page - 1) * PAGE_SIZE), total, ...p };
}

/** One page of the changes touching an adviser, newest first. */
export function adviserChanges(ctx: AppContext, adviserId: number, page = 1): ChangePage {
  const total = ctx.repos.audit.mineCount(adviserId);
  const p = pageOf(page, total);
  return { rows: ctx.repos.audit.minePage(adviserId, PAGE_SIZE, (p.page - 1) * PAGE_SIZE), total, ...p };
}

/** How many changes to the adviser's turns others made since the user last opened "my changes". */
export function unseenChangesCount(ctx: AppContext, userId: number, adviserId: number | null): number {
  return adviserId === null ? 0 : ctx.repos.audit.unseenCount(userId, adviserId);
}

/** When the user last opened "my changes" (null: never). */
export function lastSeenChanges(ctx: AppContext, userId: number): string | null {
  return ctx.repos.audit.lastSeen(userId);
}

/** Records that the user has now seen their changes. */
export function markChangesSeen(ctx: AppContext, userId: number): void {
  ctx.db.transaction(() => ctx.repos.audit.setLastSeen(userId, ctx.clock.now().toISOString())).immediate();
}

/** For the API: up to limit + 1 changes older than the cursor id, newest first (the extra one tells there is a next page). */
export function listChangesAfter(
  ctx: AppContext,
  f: { from?: string | undefined; to?: string | undefined; kind?: string | undefined; userId?: number | undefined },
  cursor: number | null,
  limit: number,
): AuditRow[] {
  const params = toParams({ from: f.from, to: f.to, kind: f.kind });
  return ctx.repos.audit.pageBefore({ ...params, userId: f.userId ?? null }, cursor, limit + 1);
}
