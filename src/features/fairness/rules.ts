import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import type { Lang } from '../../i18n/index.js';
import { nameIn, type LocalNames } from '../../i18n/define.js';
import { fairnessOf, type FairnessReport } from '../../rotation/fairness.js';
import { loadAdvisers, toRosterTurns } from '../rosters/load.js';
import type { CityRow, ServiceRow } from '../rosters/repository.js';
import { shiftDate } from '../../time/zone.js';

/** The start of every ledger: before any roster the app can hold. */
const EPOCH = '2000-01-01';

export interface FairnessJson {
  service: string;
  cities: Array<{
    city: string;
    share: number;
    targetHours: number;
    actualHours: number;
    deviationHours: number;
    maxPrefixDeviationTurns: number;
    maxPrefixDeviationHours: number;
    optimumPrefixDeviationHours: number;
    carriedHours: number;
  }>;
  advisers: Array<{
    adviserId: number;
    turns: number;
    hours: number;
    normalisedLoad: number;
    targetHours: number;
    deviationHours: number;
    carriedHours: number;
  }>;
}

export interface ServiceFairness {
  service: ServiceRow;
  report: FairnessReport;
}

/** One query set for the range, then the report of each requested service. */
export function fairness(
  ctx: AppContext,
  q: { from: string; to: string; service?: string },
): { services: ServiceFairness[]; cities: CityRow[]; adviserNames: Map<number, string> } {
  const repo = ctx.repos.rosters;
  const services = repo.services();
  const chosen = q.service === undefined ? services.filter((s) => s.active === 1) : services.filter((s) => s.code === q.service);
  if (q.service !== undefined && chosen.length === 0) {
    throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [{ field: 'service', code: 'unknown', message: 'unknown service' }]);
  }
  const cities = repo.cities();
  const shares = repo.shares().map((s) => ({ serviceId: s.service_id, cityId: s.city_id, validFrom: s.valid_from, share: s.share }));
  const turns = toRosterTurns(repo.turnsBetween(q.from, q.to), repo.assignmentsBetween(q.from, q.to));
  const { advisers, names } = loadAdvisers(ctx);
  // What came before the range: the published city hours and the published turns the adviser ledger carries.
  const before = shiftDate(q.from, -1);
  const earlier = toRosterTurns(repo.turnsBetween(EPOCH, before), repo.assignmentsBetween(EPOCH, before)).filter((t) => t.status === 'published');
  const context = {
    history: repo.historyBefore(q.from).map((h) => ({ serviceId: h.service_id, cityId: h.city_id, date: h.date, hours: h.hours })),
    earlier,
    absences: repo.absencesBetween(EPOCH, q.to).map((a) => ({ adviserId: a.adviser_id, from: a.from_date, to: a.to_date })),
  };
  const citySpecs = cities.map((c) => ({ id: c.id, code: c.code, active: c.active === 1 }));
  return {
    services: chosen.map((service) => ({ service, report: fairnessOf(service.id, service.rotation_unit, turns, citySpecs, shares, advisers, context) })),
    cities,
    adviserNames: names,
  };
}

export function fairnessJson(ctx: AppContext, q: { from: string; to: string; service: string }): FairnessJson {
  const { services, cities } = fairness(ctx, q);
  const [first] = services;
  if (!first) throw new HttpError(400, 'validation_failed');
  const code = new Map(cities.map((c) => [c.id, c.code]));
  return {
    service: first.service.code,
    cities: first.report.cities.map(({ cityId, ...rest }) => ({ city: code.get(cityId) ?? String(cityId), ...rest })),
    advisers: first.report.advisers.map(({ adviserId, turns, hours, normalisedLoad, targetHours, deviationHours, carriedHours }) => ({
      adviserId,
      turns,
      hours,
      normalisedLoad,
      targetHours,
      deviationHours,
      carriedHours,
    })),
  };
}

export const nameOf = (row: LocalNames, lang: Lang): string => nameIn(row, lang);
