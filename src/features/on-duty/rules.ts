import type { AppContext } from '../../context.js';
import type { Lang } from '../../i18n/index.js';
import { toLookups, withAdvisers, type Lookups, type RosterTurn, type ServiceRef } from '../roster-views/model.js';

/**
 * An instant as stored turn times are written (UTC, whole seconds, Z), so
 * that plain string comparison in SQL orders them correctly.
 */
export function instantKey(at: Date): string {
  return new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const LOOKAHEAD_MS = 14 * 86_400_000;

export interface DutyBoardRow {
  service: ServiceRef;
  turn: RosterTurn | null;
  next: RosterTurn | null;
}

/** The published turns running at an instant, with their advisers. */
export function runningAt(ctx: AppContext, at: Date, lang: Lang, lookups?: Lookups): RosterTurn[] {
  const repo = ctx.repos.rosterViews;
  return withAdvisers(repo, repo.runningAt(instantKey(at)), lookups ?? toLookups(repo.lookups(), lang), lang);
}

/** Per active service: the turn running now, or else the next one within two weeks. */
export function dutyBoard(ctx: AppContext, at: Date, lang: Lang): DutyBoardRow[] {
  const repo = ctx.repos.rosterViews;
  const lookups = toLookups(repo.lookups(), lang);
  const key = instantKey(at);
  const running = repo.runningAt(key);
  const idle = new Set(lookups.services.filter((s) => !running.some((r) => r.service_id === s.id)).map((s) => s.id));
  const upcoming = idle.size ? repo.nextPerService(key, instantKey(new Date(at.getTime() + LOOKAHEAD_MS))).filter((r) => idle.has(r.service_id)) : [];
  const runningIds = new Set(running.map((r) => r.id));
  const turns = withAdvisers(repo, [...running, ...upcoming], lookups, lang);
  const now = new Map<number, RosterTurn>();
  const next = new Map<number, RosterTurn>();
  for (const t of turns) {
    if (!runningIds.has(t.id)) next.set(t.serviceId, t);
    else if (!now.has(t.serviceId)) now.set(t.serviceId, t);
  }
  return lookups.services
    .filter((s) => s.active)
    .map((service) => ({ service, turn: now.get(service.id) ?? null, next: now.has(service.id) ? null : (next.get(service.id) ?? null) }));
}
