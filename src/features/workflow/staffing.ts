import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { validateRoster } from '../../rotation/validator.js';
import type { Violation } from '../../rotation/violations.js';
import { recordChange } from '../audit/rules.js';
import { notifyAdvisers } from '../notifications/rules.js';
import { publishedTurnChanged } from '../webhooks/turn-events.js';
import { loadRange, type Loaded } from '../rosters/load.js';
import type { TurnRow } from '../rosters/repository.js';
import { staleTurn } from './stale.js';
import { turnParams } from './turn-label.js';

/** A turn's advisers as they should become, and optionally its new holder. */
export interface StaffingChange {
  turnId: number;
  adviserIds: number[];
  cityId?: number | null;
}

export interface StaffingVerdict {
  loaded: Loaded;
  /** Hard errors the change would cause: on the changed turns themselves, or new ones on their neighbours. */
  refused: Violation[];
}

// Understaffing is not refused: taking someone off a turn (say, who fell ill)
// must be possible even with nobody to put in their place.
const IGNORED_ON_EDIT = new Set(['understaffed']);
const keyOf = (v: Violation) => `${v.code}|${v.turnId}|${v.adviserId}`;

/**
 * The one rule every hand change of staffing goes through (the turn form, the
 * assignments API, swaps, replacements): the validator runs on the roster
 * around the turns before and after the change. Reads only.
 */
export function checkStaffing(ctx: AppContext, changes: readonly StaffingChange[]): StaffingVerdict {
  const rows = changes.map((c) => ctx.repos.rosters.turnById(c.turnId));
  const dates = rows
    .map((r) => {
      if (!r) throw new HttpError(404, 'not_found');
      return r.date;
    })
    .sort();
  const loaded = loadRange(ctx, dates[0] as string, dates[dates.length - 1] as string, { history: false });
  const known = new Set(loaded.input.advisers.map((a) => a.id));
  const unknown = [...new Set(changes.flatMap((c) => c.adviserIds))].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new HttpError(
      400,
      'validation_failed',
      'errors.validation_failed',
      unknown.map((id) => ({ field: 'adviserIds', code: 'unknown', message: `unknown adviser ${id}` })),
    );
  }
  const all = [...loaded.input.existing, ...loaded.input.context];
  const check = () =>
    validateRoster({
      turns: all,
      context: [],
      advisers: loaded.input.advisers,
      absences: loaded.input.absences,
      closedDates: loaded.input.closedDates,
      warnings: false,
    }).filter((v) => !IGNORED_ON_EDIT.has(v.code));
  const before = new Set(check().map(keyOf));
  const filled = new Map<number, boolean>();
  for (const c of changes) {
    const target = all.find((t) => t.id === c.turnId);
    if (!target) throw new HttpError(404, 'not_found');
    target.assignments = [...new Set(c.adviserIds)].map((adviserId) => ({ adviserId, pinned: true }));
    if (c.cityId !== undefined) target.cityId = c.cityId;
    filled.set(c.turnId, c.adviserIds.length > 0);
  }
  // Emptying a turn cannot break a rule that counts here; otherwise a changed turn must be clean.
  const refused = check().filter((v) => {
    const changed = v.turnId === null ? undefined : filled.get(v.turnId);
    return changed === undefined ? !before.has(keyOf(v)) : changed;
  });
  return { loaded, refused };
}

export interface StaffingWrite {
  row: TurnRow;
  /** The version the writer read: the write is refused (409) if the turn changed since. */
  version: number;
  adviserIds: readonly number[];
  cityId: number | null;
  user: CurrentUser;
  kind: string;
  /** Extra context for the change log (a swap's id, an absence's id…). */
  audit?: Record<string, unknown>;
}

/**
 * Writes a turn's advisers (pinned), bumps its version (the calendar's
 * SEQUENCE) and records the change. A published turn also gets its snapshot
 * updated and the advisers who join or leave it are told. Call inside the
 * writing transaction.
 */
export function writeStaffing(ctx: AppContext, w: StaffingWrite): { added: number[]; removed: number[] } {
  const repo = ctx.repos.rosters;
  const at = ctx.clock.now().toISOString();
  const previous = repo.assignmentsOf(w.row.id).map((a) => a.adviser_id);
  const next = [...new Set(w.adviserIds)];
  if (!repo.setCityAndBump(w.row.id, w.cityId, w.version, at, w.user.id)) throw staleTurn(ctx, w.row.id);
  repo.deleteAssignments(w.row.id);
  for (const id of next) repo.insertAssignment(w.row.id, id, true);
  const added = next.filter((id) => !previous.includes(id));
  const removed = previous.filter((id) => !next.includes(id));
  recordChange(ctx, {
    userId: w.user.id,
    kind: w.kind,
    entity: 'turn',
    entityId: w.row.id,
    cityId: w.cityId,
    object: { type: 'turn', id: w.row.id, serviceId: w.row.service_id, cityId: w.cityId, date: w.row.date, start: w.row.start_at, end: w.row.end_at },
    adviserIds: [...added, ...removed],
    before: { adviserIds: previous, version: w.version },
    after: { adviserIds: next, version: w.version + 1, ...w.audit },
  });
  if (w.row.status === 'published') {
    ctx.repos.workflow.setSnapshot(w.row.id, next);
    notifyTurnChange(ctx, w.row, added, removed);
  }
  return { added, removed };
}

/** Tells the advisers who join or leave a published turn (inbox, email, calendar invitation) and the webhooks. */
export function notifyTurnChange(ctx: AppContext, row: TurnRow, added: readonly number[], removed: readonly number[]): void {
  publishedTurnChanged(ctx, row.id, added, removed);
  const params = (lang: Lang) => turnParams(ctx, row, lang);
  if (added.length > 0) {
    notifyAdvisers(ctx, added, { subjectKey: 'workflowMail.notifyAddedSubject', bodyKey: 'workflowMail.notifyAddedBody', params });
  }
  if (removed.length > 0) {
    notifyAdvisers(ctx, removed, { subjectKey: 'workflowMail.notifyRemovedSubject', bodyKey: 'workflowMail.notifyRemovedBody', params });
  }
}
