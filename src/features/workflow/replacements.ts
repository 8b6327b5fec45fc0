import type { AppContext } from '../../context.js';
import { forbidden, HttpError, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { activeOn } from '../../rotation/hard-rules.js';
import type { RosterTurn } from '../../rotation/types.js';
import { validateRoster } from '../../rotation/validator.js';
import type { Violation } from '../../rotation/violations.js';
import { managesCity } from '../advisers/access.js';
import { loadRange } from '../rosters/load.js';
import { presentViolations } from '../rosters/rules.js';
import { checkStaffing, writeStaffing } from './staffing.js';
import { checkTurnVersion } from './stale.js';
import { turnLabel } from './turn-label.js';

export interface Candidate {
  adviserId: number;
  name: string;
  weekHours: number;
}

/** A published turn the absent adviser is still on, with who could take their place, best first. */
export interface AffectedTurn {
  turnId: number;
  version: number;
  cityId: number | null;
  label: string;
  startAt: string;
  started: boolean;
  mayReplace: boolean;
  candidates: Candidate[];
}

export interface ReplacementPage {
  absenceId: number;
  adviserId: number;
  adviserName: string;
  from: string;
  to: string;
  turns: AffectedTurn[];
}

const keyOf = (v: Violation) => `${v.code}|${v.turnId}|${v.adviserId}`;

/**
 * The published turns an absence hits, each with ranked replacement
 * candidates: advisers of the turn's city the validator's hard rules allow
 * there instead of the absent one (skills, language, free, rest, weekly
 * hours), least loaded in the turn's week first.
 */
export function replacementsFor(ctx: AppContext, absenceId: number, user: CurrentUser, lang: Lang): ReplacementPage {
  const absence = ctx.repos.absences.byId(absenceId);
  if (!absence) throw notFound();
  const loaded = loadRange(ctx, absence.from_date, absence.to_date, { history: false });
  const all = [...loaded.input.existing, ...loaded.input.context];
  const hit = loaded.input.existing.filter((t) => t.status === 'published' && t.assignments.some((a) => a.adviserId === absence.adviser_id));
  const check = () =>
    validateRoster({
      turns: all,
      context: [],
      advisers: loaded.input.advisers,
      absences: loaded.input.absences,
      closedDates: loaded.input.closedDates,
      warnings: false,
    }).filter((v) => v.code !== 'understaffed');
  const now = ctx.clock.now().getTime();
  const turns = hit.map((turn): AffectedTurn => {
    const original = turn.assignments;
    const others = original.filter((a) => a.adviserId !== absence.adviser_id);
    turn.assignments = others;
    const before = new Set(check().map(keyOf));
    const candidates: Candidate[] = [];
    for (const a of loaded.input.advisers) {
      if (a.cityId !== turn.cityId || !a.skills.has(turn.serviceId) || !activeOn(a, turn.date) || original.some((x) => x.adviserId === a.id)) continue;
      turn.assignments = [...others, { adviserId: a.id, pinned: true }];
      const broken = check().some((v) => (v.turnId === turn.id ? v.adviserId === a.id || v.code === 'language_missing' : !before.has(keyOf(v))));
      if (!broken) candidates.push({ adviserId: a.id, name: loaded.adviserNames.get(a.id) ?? `#${a.id}`, weekHours: weekHours(all, turn, a.id) });
    }
    turn.assignments = original;
    candidates.sort((x, y) => x.weekHours - y.weekHours || x.name.localeCompare(y.name) || x.adviserId - y.adviserId);
    const row = { service_id: turn.serviceId, city_id: turn.cityId, date: turn.date, start_at: turn.startAt, end_at: turn.endAt };
    return {
      turnId: turn.id ?? 0,
      version: (turn as RosterTurn & { version?: number }).version ?? 0,
      cityId: turn.cityId,
      label: turnLabel(ctx, row, lang),
      startAt: turn.startAt,
      started: turn.startMs <= now,
      mayReplace: turn.cityId !== null && managesCity(user, turn.cityId),
      candidates,
    };
  });
  return { absenceId, adviserId: absence.adviser_id, adviserName: absence.adviser_name, from: absence.from_date, to: absence.to_date, turns };
}

function weekHours(all: readonly RosterTurn[], turn: RosterTurn, adviserId: number): number {
  // The turn being filled does not count: it is the load before taking it that ranks.
  return all.filter((t) => t !== turn && t.week === turn.week && t.assignments.some((a) => a.adviserId === adviserId)).reduce((s, t) => s + t.hours, 0);
}

export interface ReplacementInput {
  turnId: number;
  adviserId: number;
  version?: number | undefined;
}

/** Puts a candidate on a turn in the absent adviser's place, in one step: bumps the version, logs and tells both. */
export function applyReplacement(ctx: AppContext, absenceId: number, input: ReplacementInput, user: CurrentUser, lang: Lang): void {
  ctx.db
    .transaction(() => {
      const absence = ctx.repos.absences.byId(absenceId);
      if (!absence) throw notFound();
      const row = ctx.repos.rosters.turnById(input.turnId);
      if (!row) throw notFound();
      if (row.city_id === null || !managesCity(user, row.city_id)) throw forbidden();
      checkTurnVersion(ctx, row.id, row.version, input.version);
      const staff = ctx.repos.rosters.assignmentsOf(row.id).map((a) => a.adviser_id);
      if (!staff.includes(absence.adviser_id) || row.date < absence.from_date || row.date > absence.to_date) {
        throw new HttpError(409, 'conflict', 'replacements.notAffected');
      }
      const adviserIds = [...staff.filter((id) => id !== absence.adviser_id), input.adviserId];
      const { loaded, refused } = checkStaffing(ctx, [{ turnId: row.id, adviserIds }]);
      if (refused.length > 0) throw new HttpError(422, 'rule_violation', 'errors.rule_violation', presentViolations(refused, loaded, lang));
      writeStaffing(ctx, {
        row,
        version: row.version,
        adviserIds,
        cityId: row.city_id,
        user,
        kind: 'absence.replace',
        audit: { absenceId, replaced: absence.adviser_id, by: input.adviserId },
      });
    })
    .immediate();
}
