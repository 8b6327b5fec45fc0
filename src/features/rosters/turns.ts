import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { checkStaffing, writeStaffing } from '../workflow/staffing.js';
import { checkTurnVersion } from '../workflow/stale.js';
import { toRosterTurns } from './load.js';
import { turnJson, type TurnJson, type ViolationJson } from './present.js';
import { codesOf, presentViolations } from './rules.js';

/** Turns of a range, optionally of one service and one city (by code). */
export function listTurns(ctx: AppContext, q: { from: string; to: string; service?: string | undefined; city?: string | undefined }): TurnJson[] {
  const repo = ctx.repos.rosters;
  const services = repo.services();
  const cities = repo.cities();
  const service = q.service ? services.find((s) => s.code === q.service) : undefined;
  const city = q.city ? cities.find((c) => c.code === q.city) : undefined;
  if (q.service && !service) throw badFilter('service');
  if (q.city && !city) throw badFilter('city');
  const codes = codesOf({ services, cities });
  return toRosterTurns(repo.turnsBetween(q.from, q.to), repo.assignmentsBetween(q.from, q.to))
    .filter((t) => (!service || t.serviceId === service.id) && (!city || t.cityId === city.id))
    .map((t) => turnJson(t, codes));
}

function badFilter(field: string): HttpError {
  return new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field, code: 'unknown', message: 'unknown code' }]);
}

/** Who may staff a turn: admins any; a supervisor their own city's, or an open turn without a holder. */
export function mayStaff(user: CurrentUser, row: { city_id: number | null }): boolean {
  return user.role === 'admin' || (user.role === 'supervisor' && (row.city_id === null || row.city_id === user.cityId));
}

/** The hard errors setting these advisers would cause, as the API and the form show them; writes nothing. */
export function previewAssignments(ctx: AppContext, turnId: number, adviserIds: number[], user: CurrentUser, lang: Lang): ViolationJson[] {
  const row = ctx.repos.rosters.turnById(turnId);
  if (!row) throw new HttpError(404, 'not_found');
  if (!mayStaff(user, row)) throw new HttpError(403, 'forbidden', 'errors.otherCity');
  const { loaded, refused } = checkStaffing(ctx, [{ turnId, adviserIds, cityId: cityFor(ctx, row.city_id, adviserIds, user) }]);
  return presentViolations(refused, loaded, lang);
}

function cityFor(ctx: AppContext, cityId: number | null, adviserIds: readonly number[], user: CurrentUser): number | null {
  if (cityId !== null) return cityId;
  if (user.role === 'supervisor') return user.cityId;
  const first = adviserIds[0];
  return first === undefined ? null : (ctx.repos.rosters.advisers().find((a) => a.id === first)?.city_id ?? null);
}

/** What a hand edit sends: the advisers, the version read, and an admin's reason to save despite hard errors. */
export interface AssignmentsInput {
  adviserIds: number[];
  version: number | undefined;
  overrideReason?: string | undefined;
}

/**
 * Sets a turn's advisers by hand; they become pinned. The one rule behind
 * PUT /api/v1/turns/:id/assignments and the turn form. A supervisor may staff
 * only turns of their own city (or an open turn without a holder, which then
 * becomes their city's). Refuses with 422 any hard error on the turn itself
 * and any new one the change causes on neighbouring turns (rest, overlap,
 * weekly hours), and with 409 a write from an old read. As with publishing,
 * only an admin may override the 422, and only with a written reason, which
 * the change log keeps with the errors it overrode.
 */
export function setAssignments(ctx: AppContext, turnId: number, body: AssignmentsInput, user: CurrentUser, lang: Lang): TurnJson {
  return ctx.db
    .transaction((): TurnJson => {
      const repo = ctx.repos.rosters;
      const row = repo.turnById(turnId);
      if (!row) throw new HttpError(404, 'not_found');
      if (!mayStaff(user, row)) throw new HttpError(403, 'forbidden', 'errors.otherCity');
      checkTurnVersion(ctx, turnId, row.version, body.version);
      const adviserIds = [...new Set(body.adviserIds)];
      const cityId = cityFor(ctx, row.city_id, adviserIds, user);
      const { loaded, refused } = checkStaffing(ctx, [{ turnId, adviserIds, cityId }]);
      const reason = body.overrideReason?.trim() ?? '';
      if (refused.length > 0) {
        const shown = presentViolations(refused, loaded, lang);
        if (reason === '') throw new HttpError(422, 'rule_violation', 'errors.rule_violation', shown);
        if (user.role !== 'admin') throw new HttpError(403, 'forbidden', 'workflow.overrideEditAdminOnly', shown);
      }
      const audit = refused.length > 0 ? { overrideReason: reason, overridden: refused.map((v) => v.code) } : undefined;
      writeStaffing(ctx, { row, version: row.version, adviserIds, cityId, user, kind: 'turn.assign', ...(audit ? { audit } : {}) });
      const [stored] = toRosterTurns([repo.turnById(turnId) as NonNullable<ReturnType<typeof repo.turnById>>], repo.assignmentsOf(turnId));
      return turnJson(stored as NonNullable<typeof stored>, codesOf(loaded));
    })
    .immediate();
}
