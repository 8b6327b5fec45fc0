import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { validateRoster } from '../../rotation/validator.js';
import { loadRange } from '../rosters/load.js';
import { acceptanceState, type CityAcceptance } from './acceptance.js';
import type { PeriodRow } from './repository.js';
import { periodWords } from './words.js';

/** Generating a range creates its planning period, or refreshes it (not published any more) when generated again. */
export function touchPeriod(ctx: AppContext, range: { from: string; to: string }, userId: number | null): number {
  const at = ctx.clock.now().toISOString();
  const existing = ctx.repos.planning.periodByRange(range.from, range.to);
  if (existing) {
    ctx.repos.planning.refreshPeriod(existing.id, at);
    return existing.id;
  }
  return ctx.repos.planning.insertPeriod(range.from, range.to, userId, at);
}

export type NextStep = 'generate' | 'fix' | 'acceptMine' | 'accept' | 'publish' | 'done';

export interface PeriodState {
  id: number;
  from: string;
  to: string;
  words: string;
  turns: number;
  drafts: number;
  openSeats: number;
  violations: number;
  warnings: number;
  cities: CityAcceptance[];
  /** Names of the cities whose acceptance is still needed. */
  waitingFor: string[];
  published: { at: string; by: string | null } | null;
  next: NextStep;
  /** The query string selecting this period in the other pages. */
  query: string;
}

/** A period's state at a glance, counted from the roster as it is now. */
export function periodState(ctx: AppContext, row: PeriodRow, user: CurrentUser, lang: Lang): PeriodState {
  const loaded = loadRange(ctx, row.from_date, row.to_date, { history: false });
  const turns = loaded.input.existing;
  const found = validateRoster({
    turns,
    context: loaded.input.context,
    advisers: loaded.input.advisers,
    absences: loaded.input.absences,
    closedDates: loaded.input.closedDates,
  });
  const drafts = turns.filter((t) => t.status === 'draft').length;
  const violations = found.filter((v) => v.severity === 'error').length;
  const cities = acceptanceState(ctx, row.from_date, row.to_date, lang);
  const waiting = cities.filter((c) => c.drafts > 0 && c.state !== 'accepted');
  const publishedBy = row.published_by === null ? null : (ctx.repos.users.byId(row.published_by)?.display_name ?? null);
  return {
    id: row.id,
    from: row.from_date,
    to: row.to_date,
    words: periodWords(row.from_date, row.to_date, lang),
    turns: turns.length,
    drafts,
    openSeats: turns.reduce((n, t) => n + Math.max(0, t.headcount - t.assignments.length), 0),
    violations,
    warnings: found.length - violations,
    cities,
    waitingFor: waiting.map((c) => c.name),
    published: row.published_at && drafts === 0 ? { at: row.published_at, by: publishedBy } : null,
    next: nextStep(turns.length, drafts, violations, waiting, user),
    query: `from=${row.from_date}&to=${row.to_date}`,
  };
}

function nextStep(turns: number, drafts: number, violations: number, waiting: readonly CityAcceptance[], user: CurrentUser): NextStep {
  if (turns === 0) return 'generate';
  if (drafts === 0) return 'done';
  if (violations > 0) return 'fix';
  if (waiting.some((c) => c.cityId === user.cityId)) return 'acceptMine';
  if (waiting.length > 0) return 'accept';
  return 'publish';
}

export interface PeriodSummary {
  id: number;
  from: string;
  to: string;
  words: string;
  published: boolean;
}

/** The periods in progress for the home page: not published, or not yet over. */
export function periodsInProgress(ctx: AppContext, lang: Lang): PeriodSummary[] {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  return ctx.repos.planning.openPeriods(today).map((p) => ({
    id: p.id,
    from: p.from_date,
    to: p.to_date,
    words: periodWords(p.from_date, p.to_date, lang),
    published: p.published_at !== null,
  }));
}
