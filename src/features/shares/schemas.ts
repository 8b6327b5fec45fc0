import { z } from 'zod';
import { integer, isoDate } from '../../http/validation.js';
import type { Problem } from '../cities/outcome.js';
import type { CityRow } from '../cities/repository.js';
import { checkSum, normalise, parseShare } from './parse.js';

export const ShareForm = z.object({
  validFrom: isoDate(),
  unit: z.enum(['percent', 'fraction'], { message: 'errors.fieldChoice' }).default('percent'),
});

/** The API: fractions per city code (or id), summing to 1 within 0.0001. */
export const ShareBody = z.object({
  validFrom: isoDate(),
  shares: z.record(z.string().max(40), z.number().min(0).max(1)),
});

export const VersionOnly = z.object({ version: integer(1, Number.MAX_SAFE_INTEGER) });

export const shareField = (cityId: number) => `share_${cityId}`;

/**
 * Reads one share per active city from a form (fields share_<cityId>) or the
 * API's percentages, checks the sum and returns fractions summing to exactly 1.
 */
export function readShares(
  cities: readonly CityRow[],
  raw: (city: CityRow) => string | undefined,
  unit: 'percent' | 'fraction',
): { ok: true; fractions: Map<number, number> } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const percents: number[] = [];
  for (const city of cities) {
    const value = raw(city);
    const parsed = value === undefined || value.trim() === '' ? null : parseShare(value, unit);
    if (parsed === null) {
      problems.push({ field: shareField(city.id), key: value === undefined || value.trim() === '' ? 'errors.fieldRequired' : 'shares.badShare' });
    }
    percents.push(parsed ?? 0);
  }
  if (problems.length) return { ok: false, problems };
  const sum = checkSum(percents);
  if (sum.length) return { ok: false, problems: sum };
  const fractions = normalise(percents);
  return { ok: true, fractions: new Map(cities.map((c, i) => [c.id, fractions[i] as number])) };
}
