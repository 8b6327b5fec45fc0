import type { Lang } from '../../i18n/index.js';
import { nameIn } from '../../i18n/define.js';
import { utcToLocal } from '../../time/zone.js';
import type { LookupRow, RosterAssignmentRow, RosterTurnRow, RosterViewRepository, TurnFilter } from './repository.js';

export interface CityRef {
  id: number;
  code: string;
  name: string;
  colour: string;
  active: boolean;
}
export interface ServiceRef {
  id: number;
  code: string;
  name: string;
  active: boolean;
}
export interface AdviserRef {
  id: number;
  name: string;
  active: boolean;
  cityId: number | null;
}

export interface Lookups {
  cities: CityRef[];
  services: ServiceRef[];
  advisers: AdviserRef[];
  cityByCode: Map<string, CityRef>;
  serviceByCode: Map<string, ServiceRef>;
  adviserById: Map<number, AdviserRef>;
}

export interface TurnAdviser {
  assignmentId: number;
  id: number;
  name: string;
  pinned: boolean;
}

/** A turn as the roster pages show it: names resolved, local times, open seats counted. */
export interface RosterTurn {
  id: number;
  serviceId: number;
  serviceCode: string;
  serviceName: string;
  date: string;
  startAt: string;
  endAt: string;
  /** Local wall times in Helsinki, HH:mm. */
  start: string;
  end: string;
  headcount: number;
  language: string | null;
  status: 'draft' | 'published';
  version: number;
  city: CityRef | null;
  advisers: TurnAdviser[];
  /** Seats still to fill: headcount minus advisers, never negative. */
  open: number;
}

const lookupsByRows = new WeakMap<readonly LookupRow[], Map<Lang, Lookups>>();

/** Lookups in a language, built once per (unchanged) set of rows. Shared between requests: never mutate. */
export function toLookups(rows: readonly LookupRow[], lang: Lang): Lookups {
  let perLang = lookupsByRows.get(rows);
  if (!perLang) {
    perLang = new Map();
    lookupsByRows.set(rows, perLang);
  }
  let lookups = perLang.get(lang);
  if (!lookups) {
    lookups = buildLookups(rows, lang);
    perLang.set(lang, lookups);
  }
  return lookups;
}

function buildLookups(rows: readonly LookupRow[], lang: Lang): Lookups {
  const l: Lookups = { cities: [], services: [], advisers: [], cityByCode: new Map(), serviceByCode: new Map(), adviserById: new Map() };
  for (const r of rows) {
    if (r.kind === 'city') {
      const city = { id: r.id, code: r.code ?? '', name: nameIn(r, lang), colour: r.colour ?? '#005a9c', active: r.active === 1 };
      l.cities.push(city);
      l.cityByCode.set(city.code, city);
    } else if (r.kind === 'service') {
      const service = { id: r.id, code: r.code ?? '', name: nameIn(r, lang), active: r.active === 1 };
      l.services.push(service);
      l.serviceByCode.set(service.code, service);
    } else {
      const adviser = { id: r.id, name: r.name_en, active: r.active === 1, cityId: r.city_id };
      l.advisers.push(adviser);
      l.adviserById.set(adviser.id, adviser);
    }
  }
  return l;
}

// Luxon is the slow part of a page; the same instants recur on every request
// for a week, so their labels are remembered (bounded, cleared when full).
const timeLabels = new Map<string, string>();
export function localTime(isoUtc: string): string {
  let label = timeLabels.get(isoUtc);
  if (label === undefined) {
    if (timeLabels.size >= 50_000) timeLabels.clear();
    label = utcToLocal(isoUtc).toFormat('HH:mm');
    timeLabels.set(isoUtc, label);
  }
  return label;
}

/** Builds page turns from rows: two queries' results joined in memory. */
export function toRosterTurns(turns: readonly RosterTurnRow[], assignments: readonly RosterAssignmentRow[], lookups: Lookups, lang: Lang): RosterTurn[] {
  const byTurn = new Map<number, TurnAdviser[]>();
  for (const a of assignments) {
    const list = byTurn.get(a.turn_id);
    const adviser = { assignmentId: a.id, id: a.adviser_id, name: a.adviser_name, pinned: a.pinned === 1 };
    if (list) list.push(adviser);
    else byTurn.set(a.turn_id, [adviser]);
  }
  const serviceNames = new Map(lookups.services.map((s) => [s.id, s.name]));
  return turns.map((t) => {
    const advisers = byTurn.get(t.id) ?? [];
    return {
      id: t.id,
      serviceId: t.service_id,
      serviceCode: t.service_code,
      serviceName: serviceNames.get(t.service_id) ?? t.service_code,
      date: t.date,
      startAt: t.start_at,
      endAt: t.end_at,
      start: localTime(t.start_at),
      end: localTime(t.end_at),
      headcount: t.headcount,
      language: t.required_language,
      status: t.status,
      version: t.version,
      city:
        t.city_id === null
          ? null
          : {
              id: t.city_id,
              code: t.city_code ?? '',
              name: ({ fi: t.city_name_fi, sv: t.city_name_sv, en: t.city_name_en } satisfies Record<Lang, string | null>)[lang] ?? '',
              colour: t.city_colour ?? '#005a9c',
              active: true,
            },
      advisers,
      open: Math.max(0, t.headcount - advisers.length),
    };
  });
}

/** The turns of a date range with their advisers: two statements whatever the range. */
export function loadTurns(repo: RosterViewRepository, filter: TurnFilter, lookups: Lookups, lang: Lang): RosterTurn[] {
  return toRosterTurns(repo.turns(filter), repo.assignments(filter.from, filter.to, filter.includeDrafts), lookups, lang);
}

/** Turns given by rows (on duty, my turns), with their advisers in one more statement. */
export function withAdvisers(repo: RosterViewRepository, rows: readonly RosterTurnRow[], lookups: Lookups, lang: Lang): RosterTurn[] {
  return toRosterTurns(rows, repo.assignmentsOfTurns(rows.map((r) => r.id)), lookups, lang);
}
