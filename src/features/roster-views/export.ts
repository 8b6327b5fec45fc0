import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { HttpError } from '../../http/errors.js';
import { addDays, daysBetween, localToday, mondayOf } from '../../time/zone.js';
import { rosterCsv } from './csv.js';
import { loadTurns, toLookups, type Lookups, type RosterTurn } from './model.js';
import { seesDrafts, type Viewer } from './pages.js';
import { resolveFilters, type CsvQuery, type Filters } from './schemas.js';

const MAX_DAYS = 366;

export interface ExportRange {
  from: string;
  to: string;
  filters: Filters;
  lookups: Lookups;
  turns: RosterTurn[];
  stem: string;
}

/** The range, filters and turns of an export: by default this week, at most a year. */
export function exportRange(ctx: AppContext, viewer: Viewer, q: z.output<typeof CsvQuery>): ExportRange {
  const from = q.from ?? mondayOf(localToday(ctx.clock.now()));
  const to = q.to ?? addDays(from, 6);
  if (to < from) {
    throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [
      { field: 'to', code: 'from_after_to', message: viewer.t('errors.fromAfterTo') },
    ]);
  }
  if (daysBetween(from, to) >= MAX_DAYS) {
    throw new HttpError(400, 'validation_failed', 'errors.validation_failed', [
      { field: 'to', code: 'range_too_long', message: viewer.t('errors.rangeTooLong', { max: MAX_DAYS }) },
    ]);
  }
  const lookups = toLookups(ctx.repos.rosterViews.lookups(), viewer.lang);
  const filters = resolveFilters(q, lookups, viewer.t);
  const turns = loadTurns(
    ctx.repos.rosterViews,
    {
      from,
      to,
      includeDrafts: seesDrafts(viewer.role),
      cityId: filters.cityId,
      serviceId: filters.serviceId,
      adviserId: filters.adviserId,
    },
    lookups,
    viewer.lang,
  );
  const suffix = [filters.values.city, filters.values.service, filters.values.adviser && `adviser${filters.values.adviser}`].filter(Boolean);
  return { from, to, filters, lookups, turns, stem: `vuoro-${[from, to, ...suffix].join('_')}` };
}

/** The CSV export of any roster view. */
export function csvExport(ctx: AppContext, viewer: Viewer, q: z.output<typeof CsvQuery>): { filename: string; body: string } {
  const { turns, stem } = exportRange(ctx, viewer, q);
  return { filename: `${stem}.csv`, body: rosterCsv(turns, viewer.lang, viewer.t) };
}
