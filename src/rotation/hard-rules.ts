import type { AbsenceSpec, AdviserSpec, Turn } from './types.js';

/** Working Hours Act 872/2019 § 25: 11 h continuous rest within 24 h of a shift's start. */
export const REST_MS = 11 * 3_600_000;
export const WINDOW_MS = 24 * 3_600_000;
export const EPS_HOURS = 1e-6;

/** Active flag and the active_from..active_to dates. */
export function activeOn(a: AdviserSpec, date: string): boolean {
  return a.active && (a.activeFrom === null || a.activeFrom <= date) && (a.activeTo === null || date <= a.activeTo);
}

/** Absent dates per adviser, expanded once so each check is a set lookup. */
export function absenceIndex(absences: readonly AbsenceSpec[], within: { from: string; to: string }): Map<number, Set<string>> {
  const index = new Map<number, Set<string>>();
  for (const a of absences) {
    const from = a.from > within.from ? a.from : within.from;
    const to = a.to < within.to ? a.to : within.to;
    if (from > to) continue;
    let set = index.get(a.adviserId);
    if (!set) index.set(a.adviserId, (set = new Set()));
    for (let d = from; d <= to; d = nextDate(d)) set.add(d);
  }
  return index;
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export function speaks(a: AdviserSpec, language: string | null): boolean {
  return language === null || a.languages.has(language);
}

/**
 * Whether busy intervals (sorted by start, merged or not) leave an 11 h rest in
 * the 24 h from each shift start in `anchorsFrom`..`anchorsTo`. A shift is a run
 * of back-to-back intervals, so 09–12 followed by 12–16 is one shift.
 */
export function restHolds(sorted: ReadonlyArray<{ startMs: number; endMs: number }>, anchorsFrom: number, anchorsTo: number): boolean {
  const blocks = mergeBlocks(sorted);
  for (let i = 0; i < blocks.length; i++) {
    const anchor = blocks[i] as { startMs: number; endMs: number };
    if (anchor.startMs < anchorsFrom || anchor.startMs > anchorsTo) continue;
    if (longestRest(blocks, i) < REST_MS) return false;
  }
  return true;
}

export function mergeBlocks(sorted: ReadonlyArray<{ startMs: number; endMs: number }>): Array<{ startMs: number; endMs: number }> {
  const blocks: Array<{ startMs: number; endMs: number }> = [];
  for (const iv of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && iv.startMs <= last.endMs) last.endMs = Math.max(last.endMs, iv.endMs);
    else blocks.push({ startMs: iv.startMs, endMs: iv.endMs });
  }
  return blocks;
}

/** The longest continuous rest inside the 24 h window starting at blocks[i]. */
export function longestRest(blocks: ReadonlyArray<{ startMs: number; endMs: number }>, i: number): number {
  const anchor = blocks[i] as { startMs: number; endMs: number };
  const windowEnd = anchor.startMs + WINDOW_MS;
  let best = 0;
  let busyUntil = anchor.endMs;
  for (let j = i + 1; j < blocks.length; j++) {
    const b = blocks[j] as { startMs: number; endMs: number };
    if (b.startMs >= windowEnd) break;
    best = Math.max(best, b.startMs - busyUntil);
    busyUntil = Math.max(busyUntil, b.endMs);
  }
  return Math.max(best, windowEnd - Math.min(busyUntil, windowEnd));
}

export function overlaps(a: Pick<Turn, 'startMs' | 'endMs'>, b: Pick<Turn, 'startMs' | 'endMs'>): boolean {
  return a.startMs < b.endMs && b.startMs < a.endMs;
}
