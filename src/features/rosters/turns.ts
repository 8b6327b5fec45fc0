import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { validateRoster } from '../../rotation/validator.js';
import type { Violation } from '../../rotation/violations.js';
import { recordChange } from '../audit/rules.js';
import { loadRange, toRosterTurns } from './load.js';
import { turnJson, type TurnJson } from './present.js';
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

// Understaffing is not refused here: taking someone off a turn (say, who fell
// ill) must be possible even with nobody to put in their place.
const IGNORED_ON_EDIT = new Set(['understaffed']);

const keyOf = (v: Violation) => `${v.code}|${v.turnId}|${v.adviserId}`;

/**
 * Sets a turn's advisers by hand; they become pinned. A supervisor may staff
 * only turns of their own city (or an open turn without a holder, which then
 * becomes their city's). Refuses with 422 any hard error on the turn itself
 * and any new one the change causes on neighbouring turns (rest, overlap,
 * weekly hours).
 */
export function setAssignments(
  ctx: AppContext, turnId: number, body: { adviserIds: number[]; version: number | undefined }, user: CurrentUser, lang: Lang,
): TurnJson {
  return ctx.db.transaction((): TurnJson => {
    const repo = ctx.repos.rosters;
    const row = repo.turnById(turnId);
    if (!row) throw new HttpError(404, 'not_found');
    if (user.role === 'supervisor' && row.city_id !== null && row.city_id !== user.cityId) throw new HttpError(403, 'forbidden', 'errors.otherCity');
    if (body.version === undefined) {
      throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field: 'version', code: 'required', message: 'version is required' }]);
    }
    if (body.version !== row.version) throw new HttpError(409, 'stale_version');
    const adviserIds = [...new Set(body.adviserIds)];
    const loaded = loadRange(ctx, row.date, row.date, { history: false });
    const known = new Map(loaded.input.advisers.map((a) => [a.id, a]));
    const unknown = adviserIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new HttpError(400, 'validation_failed', 'errors.validation_failed',
        unknown.map((id) => ({ field: 'adviserIds', code: 'unknown', message: `unknown adviser ${id}` })));
    }
    const cityId = row.city_id ?? (user.role === 'supervisor' ? user.cityId : (known.get(adviserIds[0] ?? 0)?.cityId ?? null));
    const all = [...loaded.input.existing, ...loaded.input.context];
    const target = all.find((t) => t.id === turnId);
    if (!target) throw new HttpError(404, 'not_found');
    const check = () => validateRoster({
      turns: all, context: [], advisers: loaded.input.advisers, absences: loaded.input.absences,
      closedDates: loaded.input.closedDates, warnings: false,
    }).filter((v) => !IGNORED_ON_EDIT.has(v.code));
    const before = new Set(check().map(keyOf));
    const previous = target.assignments.map((a) => a.adviserId);
    target.assignments = adviserIds.map((adviserId) => ({ adviserId, pinned: true }));
    target.cityId = cityId;
    // Emptying a turn cannot break a rule that counts here; otherwise the turn itself must be clean.
    const refused = check().filter((v) => (v.turnId === turnId ? adviserIds.length > 0 : !before.has(keyOf(v))));
    if (refused.length > 0) throw new HttpError(422, 'rule_violation', 'errors.rule_violation', presentViolations(refused, loaded, lang));

    const at = ctx.clock.now().toISOString();
    if (!repo.setCityAndBump(turnId, cityId, row.version, at, user.id)) throw new HttpError(409, 'stale_version');
    repo.deleteAssignments(turnId);
    for (const id of adviserIds) repo.insertAssignment(turnId, id, true);
    recordChange(ctx, {
      userId: user.id, kind: 'turn.assign', entity: 'turn', entityId: turnId, cityId,
      before: { adviserIds: previous }, after: { adviserIds },
    });
    const [stored] = toRosterTurns([repo.turnById(turnId) as NonNullable<ReturnType<typeof repo.turnById>>], repo.assignmentsOf(turnId));
    return turnJson(stored as NonNullable<typeof stored>, codesOf(loaded));
  }).immediate();
}
