import { z } from 'zod';
import { HttpError, type ErrorDetail } from '../../http/errors.js';
import { id, optionalIsoDate } from '../../http/validation.js';
import type { Translate } from '../../i18n/index.js';
import type { Lookups } from './model.js';

const blank = (v: unknown) => (v === '' ? undefined : v);
// Dates far outside the supported holiday range are typos, not plans.
const plausibleDate = () => optionalIsoDate().refine((d) => d === undefined || (d >= '1990-01-01' && d <= '2100-12-31'), 'errors.fieldDate');
const optionalCode = () =>
  z.preprocess(
    blank,
    z
      .string()
      .max(40, 'errors.fieldTooLong')
      .regex(/^[a-z][a-z0-9_]*$/, 'errors.fieldCode')
      .optional(),
  );

export const FilterQuery = z.object({
  city: optionalCode(),
  service: optionalCode(),
  adviser: z.preprocess(blank, id().optional()),
});
export const WeekQuery = FilterQuery.extend({ week: plausibleDate() });
export const MonthQuery = FilterQuery.extend({
  month: z.preprocess(
    blank,
    z
      .string()
      .regex(/^(199\d|20\d\d|2100)-(0[1-9]|1[0-2])$/, 'errors.fieldInvalid')
      .optional(),
  ),
});
export const CsvQuery = FilterQuery.extend({ from: plausibleDate(), to: plausibleDate() });

/** The filters as given (for links and form values) and as ids (for the queries). */
export interface Filters {
  values: { city: string; service: string; adviser: string };
  cityId: number | null;
  serviceId: number | null;
  adviserId: number | null;
}

/** Resolves filter codes against the known cities, services and advisers; unknown ones are a 400. */
export function resolveFilters(q: z.output<typeof FilterQuery>, lookups: Lookups, t: Translate): Filters {
  const details: ErrorDetail[] = [];
  const city = q.city === undefined ? undefined : lookups.cityByCode.get(q.city);
  const service = q.service === undefined ? undefined : lookups.serviceByCode.get(q.service);
  const adviser = q.adviser === undefined ? undefined : lookups.adviserById.get(q.adviser);
  if (q.city !== undefined && !city) details.push({ field: 'city', code: 'unknown', message: t('errors.unknownId') });
  if (q.service !== undefined && !service) details.push({ field: 'service', code: 'unknown', message: t('errors.unknownId') });
  if (q.adviser !== undefined && !adviser) details.push({ field: 'adviser', code: 'unknown', message: t('errors.unknownId') });
  if (details.length) throw new HttpError(400, 'validation_failed', 'errors.validation_failed', details);
  return {
    values: { city: city?.code ?? '', service: service?.code ?? '', adviser: adviser ? String(adviser.id) : '' },
    cityId: city?.id ?? null,
    serviceId: service?.id ?? null,
    adviserId: adviser?.id ?? null,
  };
}

/** A local URL with the current filters plus the given parameters. */
export function hrefWith(path: string, filters: Filters, extra: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(extra)) if (v) params.set(k, v);
  for (const [k, v] of Object.entries(filters.values)) if (v) params.set(k, v);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
