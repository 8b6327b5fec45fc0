import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import type { Lang } from '../../i18n/index.js';
import { fairnessOf, type FairnessReport } from '../../rotation/fairness.js';
import { loadAdvisers, toRosterTurns } from '../rosters/load.js';
import type { CityRow, ServiceRow } from '../rosters/repository.js';

export interface FairnessJson {
  service: string;
  cities: Array<{ city: string; share: number; targetHours: number; actualHours: number; deviationHours: number; maxPrefixDeviationTurns: number }>;
  advisers: Array<{ adviserId: number; turns: number; hours: number; normalisedLoad: number }>;
}

export interface ServiceFairness { service: ServiceRow; report: FairnessReport }

/** One query set for the range, then the report of each requested service. */
export function fairness(ctx: AppContext, q: { from: string; to: string; service?: string }): { services: ServiceFairness[]; cities: CityRow[]; adviserNames: Map<number, string> } {
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
  const citySpecs = cities.map((c) => ({ id: c.id, code: c.code, active: c.active === 1 }));
  return {
    services: chosen.map((service) => ({ service, report: fairnessOf(service.id, service.rotation_unit, turns, citySpecs, shares, advisers) })),
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
    advisers: first.report.advisers.map(({ adviserId, turns, hours, normalisedLoad }) => ({ adviserId, turns, hours, normalisedLoad })),
  };
}

export const nameOf = (row: { name_fi: string; name_sv: string; name_en: string }, lang: Lang): string =>
  lang === 'fi' ? row.name_fi : lang === 'sv' ? row.name_sv : row.name_en;
