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

/** The stable change codes. Others may be recorded too; the log shows unknown ones by their code. */
export const CHANGE_KINDS = [
  'turn.assign', 'turn.city_move', 'roster.generate', 'roster.publish', 'absence.create', 'absence.delete',
  'adviser.update', 'swap.request', 'swap.accept', 'swap.approve', 'share.change',
  'roster.accept', 'roster.withdraw', 'adviser.create', 'absence.replace', 'absence.update', 'share.propose',
  'share.approve', 'city.create', 'city.update', 'service.create', 'service.update', 'template.change',
  'closure.create', 'closure.delete', 'user.create', 'user.update', 'token.create', 'token.revoke',
  'calendar_token.create', 'calendar_token.revoke', 'turn.city_move_request', 'turn.city_move_decline', 'turn.replace',
  'turn.undo', 'swap.cancel', 'swap.decline', 'swap.refuse',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const KIND_RE = /^[a-z][a-z_]{0,39}\.[a-z][a-z_]{0,39}$/;

export interface ChangeInput {
  /** Who made the change; null for the system (e.g. a scheduled job). */
  userId: number | null;
  // `string & {}` keeps editor completion for the known kinds while allowing new ones.
  kind: ChangeKind | (string & {});
  entity: string;
  entityId?: number | null;
  cityId?: number | null;
  /** The adviser the change is mainly about. */
  adviserId?: number | null;
  /** Further advisers it affects (e.g. both sides of a swap). */
  adviserIds?: readonly number[];
  before?: unknown;
  after?: unknown;
  /** How to name the changed object to a reader; see the top of this file. */
  object?: ObjectRef;
  /** The written reason when a rule was overridden (publishing with errors or without every city's acceptance). */
  overrideReason?: string | null;
}

/** Structured data naming a changed object; put into words when read. */
export interface ObjectRef {
  type: string;
  id?: number | null;
  name?: string;
  serviceId?: number | null;
  cityId?: number | null;
  adviserId?: number | null;
  date?: string;
  from?: string;
  to?: string;
  start?: string;
  end?: string;
}

export const PAGE_SIZE = 50;

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** adviserId / adviserIds at the top level of a before/after value. */
function advisersIn(value: unknown): number[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const v = value as Record<string, unknown>;
  const list = Array.isArray(v.adviserIds) ? v.adviserIds : [];
  return [v.adviserId, ...list].filter(isId);
}

/** Every adviser a change touches: the named ones and those in before/after. */
export function affectedAdvisers(change: ChangeInput): number[] {
  const all = [change.adviserId, ...(change.adviserIds ?? []), ...advisersIn(change.before), ...advisersIn(change.after)];
  return [...new Set(all.filter(isId))].sort((a, b) => a - b);
}

const toJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/**
 * Writes one change to the log and returns its id.
 *
 * Opens no transaction of its own: call it inside the transaction that makes
 * the change (`db.transaction(fn).immediate()`), so the change and its record
 * commit or roll back together. Called outside one it autocommits, which is
 * fine for changes that are a single statement.
 */
export function recordChange(ctx: AppContext, change: ChangeInput): number {
  // A bad kind or entity is a programming error, not user input.
  if (!KIND_RE.test(change.kind)) throw new Error(`invalid change kind ${JSON.stringify(change.kind)}`);
  if (!/^[a-z][a-z_]{0,39}$/.test(change.entity)) throw new Error(`invalid change entity ${JSON.stringify(change.entity)}`);
  const affected = affectedAdvisers(change);
  const id = ctx.repos.audit.insert(
    {
      at: ctx.clock.now().toISOString(),
      userId: change.userId,
      kind: change.kind,
      entity: change.entity,
      entityId: change.entityId ?? null,
      cityId: change.cityId ?? null,
      // An explicit null (a publication touching many) names nobody rather than the first affected.
      adviserId: change.adviserId !== undefined ? change.adviserId : (affected[0] ?? null),
      before: toJson(change.before),
      after: toJson(change.after),
      objectType: change.object?.type ?? null,
      objectRef: change.object ? JSON.stringify(change.object) : null,
      overrideReason: change.overrideReason ?? null,
    },
    affected,
  );
  // A change to a city's part of an accepted range withdraws that acceptance.
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
export function listChangesAfter(ctx: AppContext, f: { from?: string | undefined; to?: string | undefined; kind?: string | undefined; userId?: number | undefined }, cursor: number | null, limit: number): AuditRow[] {
  const params = toParams({ from: f.from, to: f.to, kind: f.kind });
  return ctx.repos.audit.pageBefore({ ...params, userId: f.userId ?? null }, cursor, limit + 1);
}
