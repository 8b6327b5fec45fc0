import type { AppContext } from '../../context.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { Parsed } from '../../http/validation.js';
import type { Translate } from '../../i18n/index.js';
import { managesAdviser } from '../advisers/access.js';
import { recordChange } from '../audit/rules.js';
import { emitEvent } from '../webhooks/events.js';
import type { AbsenceFilter, AbsenceListRow } from './repository.js';
import type { AbsenceInput } from './schemas.js';

/** What entering an absence did to the rosters. */
export interface AbsenceEffect {
  /** The adviser's assignments removed from draft turns: those turns are open again. */
  openedDraftAssignments: number;
  /** Published turns the adviser stays on; the validator shows them as violations. */
  affectedPublishedTurns: number;
}

export function getAbsence(ctx: AppContext, id: number): AbsenceListRow {
  const row = ctx.repos.absences.byId(id);
  if (!row) throw notFound();
  return row;
}

/** Who may see which absences: advisers only their own; supervisors and admins all. */
export function visibleFilter(actor: CurrentUser, filter: AbsenceFilter): AbsenceFilter {
  return actor.role === 'adviser' ? { ...filter, adviserId: actor.adviserId ?? -1 } : filter;
}

export function mayManageAbsence(ctx: AppContext, actor: CurrentUser, row: Pick<AbsenceListRow, 'adviser_id' | 'city_id'>): boolean {
  return managesAdviser(actor, { id: row.adviser_id, cityId: row.city_id });
}

/** The adviser must exist (else a field error) and be one the actor manages (else 403). */
function checkAdviser(ctx: AppContext, actor: CurrentUser, adviserId: number, t: Translate): Parsed<null> {
  const adviser = ctx.repos.advisers.byId(adviserId);
  if (!adviser) return { ok: false, errors: { adviserId: t('errors.unknownId') } };
  if (!managesAdviser(actor, adviser)) throw forbidden();
  return { ok: true, data: null };
}

function applyEffect(ctx: AppContext, actor: CurrentUser, input: AbsenceInput): AbsenceEffect {
  const by = { userId: actor.id, at: ctx.clock.now().toISOString() };
  return {
    openedDraftAssignments: ctx.repos.absences.openDraftAssignments(input.adviserId, input.from, input.to, by),
    affectedPublishedTurns: ctx.repos.absences.countPublishedTurns(input.adviserId, input.from, input.to),
  };
}

function logAbsence(ctx: AppContext, actor: CurrentUser, kind: string, id: number, input: AbsenceInput, effect: AbsenceEffect): void {
  recordChange(ctx, {
    userId: actor.id,
    kind,
    entity: 'absence',
    entityId: id,
    cityId: ctx.repos.advisers.byId(input.adviserId)?.cityId ?? null,
    adviserId: input.adviserId,
    after: { from: input.from, to: input.to, reason: input.reason, ...effect },
  });
}

export function createAbsence(
  ctx: AppContext,
  actor: CurrentUser,
  input: AbsenceInput,
  t: Translate,
): Parsed<{ absence: AbsenceListRow; effect: AbsenceEffect }> {
  const check = checkAdviser(ctx, actor, input.adviserId, t);
  if (!check.ok) return check;
  const { id, effect } = ctx.db
    .transaction(() => {
      const newId = ctx.repos.absences.insert(input, actor.id);
      const applied = applyEffect(ctx, actor, input);
      logAbsence(ctx, actor, 'absence.create', newId, input, applied);
      // No reason: it may say "sick", which a phone system or a channel need not know.
      emitEvent(ctx, 'absence.created', { id: newId, adviserId: input.adviserId, from: input.from, to: input.to });
      return { id: newId, effect: applied };
    })
    .immediate();
  return { ok: true, data: { absence: getAbsence(ctx, id), effect } };
}

export function updateAbsence(
  ctx: AppContext,
  actor: CurrentUser,
  id: number,
  version: number | null,
  input: AbsenceInput,
  t: Translate,
): Parsed<{ absence: AbsenceListRow; effect: AbsenceEffect }> {
  const existing = getAbsence(ctx, id);
  if (!mayManageAbsence(ctx, actor, existing)) throw forbidden();
  if (version === null) return { ok: false, errors: { _form: t('errors.stale_version') } };
  const check = checkAdviser(ctx, actor, input.adviserId, t);
  if (!check.ok) return check;
  const effect = ctx.db
    .transaction(() => {
      if (!ctx.repos.absences.update(id, version, input)) throw new HttpError(409, 'stale_version');
      const applied = applyEffect(ctx, actor, input);
      logAbsence(ctx, actor, 'absence.update', id, input, applied);
      return applied;
    })
    .immediate();
  return { ok: true, data: { absence: getAbsence(ctx, id), effect } };
}

export function deleteAbsence(ctx: AppContext, actor: CurrentUser, id: number, version: number): void {
  const existing = getAbsence(ctx, id);
  if (!mayManageAbsence(ctx, actor, existing)) throw forbidden();
  const removed = ctx.db
    .transaction(() => {
      const done = ctx.repos.absences.remove(id, version);
      if (done) {
        recordChange(ctx, {
          userId: actor.id,
          kind: 'absence.delete',
          entity: 'absence',
          entityId: id,
          cityId: existing.city_id,
          adviserId: existing.adviser_id,
          before: { from: existing.from_date, to: existing.to_date, reason: existing.reason },
        });
      }
      return done;
    })
    .immediate();
  if (!removed) throw new HttpError(409, 'stale_version');
}

export function absenceJson(a: AbsenceListRow) {
  return { id: a.id, adviserId: a.adviser_id, from: a.from_date, to: a.to_date, reason: a.reason };
}
