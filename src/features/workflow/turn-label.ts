import type { AppContext } from '../../context.js';
import type { Lang } from '../../i18n/index.js';
import { nameIn as localNameIn, type LocalNames } from '../../i18n/define.js';
import { formatDate, formatTimeRange } from '../../i18n/format.js';
import type { TurnRow } from '../rosters/repository.js';

type Named = LocalNames;

export const nameIn = (row: Named | undefined, lang: Lang): string => (row ? localNameIn(row, lang) : '?');

/** A turn in words for messages and lists: service, local date and times, city. */
export function turnParams(ctx: AppContext, row: Pick<TurnRow, 'service_id' | 'city_id' | 'date' | 'start_at' | 'end_at'>, lang: Lang): Record<string, string> {
  const service = ctx.repos.rosters.services().find((s) => s.id === row.service_id);
  const city = row.city_id === null ? undefined : ctx.repos.rosters.cities().find((c) => c.id === row.city_id);
  return {
    service: nameIn(service, lang),
    date: formatDate(lang, row.date),
    time: formatTimeRange(lang, row.start_at, row.end_at),
    city: city ? nameIn(city, lang) : '–',
  };
}

/** "puhelinneuvonta ma 3.5.2027 9.00–12.00 (Espoo)": one line naming a turn, with its weekday. */
export function turnLabel(ctx: AppContext, row: Parameters<typeof turnParams>[1], lang: Lang): string {
  const p = turnParams(ctx, row, lang);
  return `${p.service} ${p.date} ${p.time} (${p.city})`;
}
