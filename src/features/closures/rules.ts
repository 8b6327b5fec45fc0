import type { AppContext } from '../../context.js';
import type { Lang } from '../../i18n/index.js';
import { finnishClosedDays, finnishClosedDaysBetween } from '../../time/holidays.js';
import { daysBetween } from '../../time/zone.js';
import { failure, success, type Outcome, type Problem } from '../cities/outcome.js';
import type { ClosureRow } from './repository.js';
import type { ClosureInput } from './schemas.js';

export interface Closure {
  /** Null for the computed ones (public holidays and default closures), which cannot be removed. */
  id: number | null;
  date: string;
  name: Record<Lang, string>;
  kind: 'holiday' | 'closure';
}

/** The API allows at most three years in one request. */
export const MAX_RANGE_DAYS = 3 * 365 + 1;

function fromRow(row: ClosureRow): Closure {
  return { id: row.id, date: row.date, name: { fi: row.name_fi, sv: row.name_sv, en: row.name_en }, kind: 'closure' };
}

/** Public holidays, default closures and admin-added closures of from..to (inclusive), by date. */
export function closuresBetween(ctx: AppContext, from: string, to: string): Closure[] {
  const computed: Closure[] = finnishClosedDaysBetween(from, to).map((d) => ({ id: null, date: d.date, name: d.name, kind: d.kind }));
  const added = ctx.repos.closures.between(from, to).map(fromRow);
  return [...computed, ...added].sort((a, b) => a.date.localeCompare(b.date) || (a.id ?? 0) - (b.id ?? 0));
}

/** The local dates of from..to on which no turns are planned: what the rotation engine skips. */
export function closedDates(ctx: AppContext, from: string, to: string): Set<string> {
  return new Set(closuresBetween(ctx, from, to).map((c) => c.date));
}

/** A checked from..to range for the API: from ≤ to, at most three years. */
export function checkRange(from: string, to: string): Problem[] {
  if (from > to) return [{ field: 'to', key: 'errors.fromAfterTo' }];
  if (daysBetween(from, to) > MAX_RANGE_DAYS) return [{ field: 'to', key: 'errors.rangeTooLong', params: { max: MAX_RANGE_DAYS } }];
  return [];
}

export function addClosure(ctx: AppContext, input: ClosureInput, userId: number): Outcome<Closure> {
  return ctx.db
    .transaction((): Outcome<Closure> => {
      if (finnishClosedDays(Number(input.date.slice(0, 4))).some((d) => d.date === input.date)) {
        return failure(409, { field: 'date', key: 'closures.onHoliday' });
      }
      if (ctx.repos.closures.byDate(input.date)) return failure(409, { field: 'date', key: 'errors.duplicateDate' });
      const id = ctx.repos.closures.insert({ ...input, createdBy: userId });
      return success(fromRow(ctx.repos.closures.byId(id) as ClosureRow));
    })
    .immediate();
}

/** Removes an admin-added closure; false when there is no such closure. */
export function deleteClosure(ctx: AppContext, id: number): boolean {
  return ctx.db.transaction(() => ctx.repos.closures.remove(id)).immediate();
}
