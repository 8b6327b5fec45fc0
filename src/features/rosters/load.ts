import type { AppContext } from '../../context.js';
import type { Lang } from '../../i18n/index.js';
import { nameIn, type LocalNames } from '../../i18n/define.js';
import { adviserLedger } from '../../rotation/adviser-ledger.js';
import type { AdviserSpec, EngineInput, RosterTurn, ServiceSpec } from '../../rotation/types.js';
import type { ViolationNames } from '../../rotation/violations.js';
import { calendarDays, shiftDate } from '../../time/zone.js';
import { closedDates } from '../closures/rules.js';
import type { AssignmentRow, CityRow, ServiceRow, TurnRow } from './repository.js';

/** Days around a range whose turns still bind its advisers: a whole ISO week plus a day of rest either side. */
export const CONTEXT_DAYS = 8;

export interface Loaded {
  input: EngineInput;
  services: ServiceRow[];
  cities: CityRow[];
  adviserNames: Map<number, string>;
}

/** Everything one range needs, in a handful of queries: the engine's input and the names for messages. */
export function loadRange(ctx: AppContext, from: string, to: string, opts: { history?: boolean } = {}): Loaded {
  const repo = ctx.repos.rosters;
  const outerFrom = shiftDate(from, -CONTEXT_DAYS);
  const outerTo = shiftDate(to, CONTEXT_DAYS);
  const services = repo.services();
  const cities = repo.cities();
  const templates = repo.templates();
  const serviceSpecs: ServiceSpec[] = services.map((s) => ({
    id: s.id,
    code: s.code,
    rotationUnit: s.rotation_unit,
    active: s.active === 1,
    templates: templates
      .filter((t) => t.service_id === s.id)
      .map((t) => ({
        id: t.id,
        weekday: t.weekday,
        startTime: t.start_time,
        endTime: t.end_time,
        headcount: t.headcount,
        language: t.required_language,
      })),
  }));
  const { advisers, names } = loadAdvisers(ctx);
  const turns = repo.turnsBetween(outerFrom, outerTo);
  const roster = toRosterTurns(turns, repo.assignmentsBetween(outerFrom, outerTo));
  return {
    input: {
      from,
      to,
      services: serviceSpecs,
      cities: cities.map((c) => ({ id: c.id, code: c.code, active: c.active === 1 })),
      shares: repo.shares().map((s) => ({ serviceId: s.service_id, cityId: s.city_id, validFrom: s.valid_from, share: s.share })),
      closedDates: closedDates(ctx, outerFrom, outerTo),
      advisers,
      absences: repo.absencesBetween(outerFrom, outerTo).map((a) => ({ adviserId: a.adviser_id, from: a.from_date, to: a.to_date })),
      existing: roster.filter((t) => t.date >= from && t.date <= to),
      context: roster.filter((t) => t.date < from || t.date > to),
      history:
        opts.history === false ? [] : repo.historyBefore(from).map((h) => ({ serviceId: h.service_id, cityId: h.city_id, date: h.date, hours: h.hours })),
      adviserCarry:
        opts.history === false
          ? []
          : adviserCarry(
              ctx,
              from,
              services.map((s) => s.id),
              advisers,
            ),
    },
    services,
    cities,
    adviserNames: names,
  };
}

/** Where every ledger starts: before any roster the app can hold. */
const EPOCH = '2000-01-01';

/** Each adviser's ledger per service over the published turns before `from` (see adviser-ledger.ts). */
function adviserCarry(
  ctx: AppContext,
  from: string,
  serviceIds: readonly number[],
  advisers: readonly AdviserSpec[],
): NonNullable<EngineInput['adviserCarry']> {
  const repo = ctx.repos.rosters;
  const before = shiftDate(from, -1);
  const earlier = toRosterTurns(repo.turnsBetween(EPOCH, before), repo.assignmentsBetween(EPOCH, before)).filter((t) => t.status === 'published');
  if (earlier.length === 0) return [];
  const absences = repo.absencesBetween(EPOCH, before).map((a) => ({ adviserId: a.adviser_id, from: a.from_date, to: a.to_date }));
  return serviceIds.flatMap((serviceId) =>
    [...adviserLedger(serviceId, earlier, advisers, absences).values()].map((r) => ({ serviceId, adviserId: r.adviserId, hours: r.hours - r.targetHours })),
  );
}

export function loadAdvisers(ctx: AppContext): { advisers: AdviserSpec[]; names: Map<number, string> } {
  const repo = ctx.repos.rosters;
  const skills = groupBy(repo.skills());
  const languages = groupBy(repo.languages());
  const desired = new Map<number, Set<number>>();
  const undesired = new Map<number, Set<number>>();
  for (const p of repo.preferences()) {
    const target = p.preference === 'desired' ? desired : undesired;
    target.set(p.adviser_id, (target.get(p.adviser_id) ?? new Set()).add(p.weekday));
  }
  const rows = repo.advisers();
  return {
    advisers: rows.map((a) => ({
      id: a.id,
      cityId: a.city_id,
      maxHoursPerWeek: a.max_hours_per_week,
      active: a.active === 1,
      activeFrom: a.active_from,
      activeTo: a.active_to,
      skills: new Set((skills.get(a.id) ?? []).map(Number)),
      languages: new Set((languages.get(a.id) ?? []).map(String)),
      desired: desired.get(a.id) ?? new Set(),
      undesired: undesired.get(a.id) ?? new Set(),
    })),
    names: new Map(rows.map((a) => [a.id, a.name])),
  };
}

function groupBy(rows: ReadonlyArray<{ adviser_id: number; value: string | number }>): Map<number, Array<string | number>> {
  const out = new Map<number, Array<string | number>>();
  for (const r of rows) out.set(r.adviser_id, [...(out.get(r.adviser_id) ?? []), r.value]);
  return out;
}

/** Stored turns in the engine's shape, with their assignments and database versions. */
export function toRosterTurns(
  turns: readonly TurnRow[],
  assignments: readonly AssignmentRow[],
): Array<RosterTurn & { version: number; assignmentIds: number[] }> {
  const byTurn = new Map<number, AssignmentRow[]>();
  for (const a of assignments) byTurn.set(a.turn_id, [...(byTurn.get(a.turn_id) ?? []), a]);
  return turns.map((t) => {
    const day = calendarDays(t.date, t.date)[0] as { weekday: number; monday: string };
    const startMs = Date.parse(t.start_at);
    const endMs = Date.parse(t.end_at);
    const list = byTurn.get(t.id) ?? [];
    return {
      id: t.id,
      serviceId: t.service_id,
      templateId: t.template_id,
      date: t.date,
      week: day.monday,
      weekday: day.weekday,
      startAt: t.start_at,
      endAt: t.end_at,
      startMs,
      endMs,
      hours: (endMs - startMs) / 3_600_000,
      headcount: t.headcount,
      language: t.required_language,
      cityId: t.city_id,
      cityPinned: t.city_pinned === 1,
      status: t.status,
      assignments: list.map((a) => ({ adviserId: a.adviser_id, pinned: a.pinned === 1 })),
      version: t.version,
      assignmentIds: list.map((a) => a.id),
    };
  });
}

/** Names for violation messages in one language. */
export function namesFor(loaded: Pick<Loaded, 'services' | 'cities' | 'adviserNames'>, lang: Lang): ViolationNames {
  const pick = (row: LocalNames | undefined) => (row ? nameIn(row, lang) : '?');
  return {
    adviser: (id) => loaded.adviserNames.get(id) ?? `#${id}`,
    service: (id) => pick(loaded.services.find((s) => s.id === id)),
    city: (id) => pick(loaded.cities.find((c) => c.id === id)),
  };
}
