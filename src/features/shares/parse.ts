import type { Problem } from '../cities/outcome.js';

/** Shares of the active cities must sum to 100 % within this many percentage points. */
export const SUM_TOLERANCE = 0.01;

/**
 * One city's share as typed: "50", "50 %", "33,333", "0.5" with unit fraction,
 * or "1/3" (always a fraction of the whole). Returns a percentage, or null.
 */
export function parseShare(raw: string, unit: 'percent' | 'fraction'): number | null {
  const s = raw.trim().replace(/\s*%$/, '').replace(',', '.');
  const ratio = /^(\d{1,6})\s*\/\s*(\d{1,6})$/.exec(s);
  if (ratio) {
    const [num, den] = [Number(ratio[1]), Number(ratio[2])];
    return den > 0 && num <= den ? (num / den) * 100 : null;
  }
  if (!/^\d{1,3}(\.\d{1,17})?$|^\.\d{1,17}$/.test(s)) return null;
  const value = unit === 'fraction' ? Number(s) * 100 : Number(s);
  return value >= 0 && value <= 100 ? value : null;
}

/** The sum check: an error naming the sum, or none. */
export function checkSum(percents: readonly number[]): Problem[] {
  const sum = percents.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) <= SUM_TOLERANCE + 1e-9) return [];
  return [{ field: 'shares', key: 'errors.sharesSum', params: { sum: String(Math.round(sum * 1000) / 1000) } }];
}

/**
 * Percentages that pass checkSum as fractions summing to exactly 1 in
 * floating point (summed in the given order), so 33.333 ×3 becomes 1/3 each.
 */
export function normalise(percents: readonly number[]): number[] {
  const sum = percents.reduce((a, b) => a + b, 0);
  const out = percents.map((p) => p / sum);
  if (out.length === 0) return out;
  // Give the rounding remainder to the largest share, nudging it one ulp at a time.
  const largest = out.indexOf(Math.max(...out));
  const total = () => out.reduce((a, b) => a + b, 0);
  for (let i = 0; i < 8 && total() !== 1; i++) {
    const diff = 1 - total();
    const current = out[largest] as number;
    const next = current + diff;
    out[largest] = next === current ? current + Math.sign(diff) * Number.EPSILON : next;
  }
  return out;
}
