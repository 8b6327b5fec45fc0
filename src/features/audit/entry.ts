// The change log entry itself: its shape, validation and the insert. The rules
// (rules.ts) add what a change sets off; planning writes its own entries here
// so that the change log and the acceptances do not import each other.
import type { AppContext } from '../../context.js';

/** The stable change codes. Others may be recorded too; the log shows unknown ones by their code. */
export const CHANGE_KINDS = [
  'turn.assign',
  'turn.city_move',
  'roster.generate',
  'roster.publish',
  'absence.create',
  'absence.delete',
  'adviser.update',
  'swap.request',
  'swap.accept',
  'swap.approve',
  'share.change',
  'roster.accept',
  'roster.withdraw',
  'adviser.create',
  'absence.replace',
  'absence.update',
  'share.propose',
  'share.approve',
  'city.create',
  'city.update',
  'service.create',
  'service.update',
  'template.change',
  'closure.create',
  'closure.delete',
  'user.create',
  'user.update',
  'token.create',
  'token.revoke',
  'calendar_token.create',
  'calendar_token.revoke',
  'turn.city_move_request',
  'turn.city_move_decline',
  'turn.replace',
  'turn.undo',
  'swap.cancel',
  'swap.decline',
  'swap.refuse',
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
 * Writes one change to the log and returns its id, with no consequences
 * (recordChange in rules.ts also withdraws acceptances the change invalidates).
 *
 * Opens no transaction of its own: call it inside the transaction that makes
 * the change (`db.transaction(fn).immediate()`), so the change and its record
 * commit or roll back together. Called outside one it autocommits, which is
 * fine for changes that are a single statement.
 */
export function writeChangeEntry(ctx: AppContext, change: ChangeInput): number {
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
  return id;
}
