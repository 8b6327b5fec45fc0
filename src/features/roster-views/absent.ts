import type { RosterTurn } from './model.js';
import type { RosterViewRepository } from './repository.js';

/** An adviser on a published turn who is absent that day, and the absence to find a replacement for. */
export interface AbsentMark {
  adviserId: number;
  name: string;
  absenceId: number;
}

/**
 * The published turns of a page whose advisers are absent on the turn's day
 * (the validator's `absent` rule), keyed by turn id. Absences entered after
 * publication leave the adviser on the turn on purpose: the supervisors see
 * the flag here and replace them. One query for the whole period, none when
 * no published turn has advisers; the check per assignment is a map lookup.
 */
export function absentOnTurns(repo: RosterViewRepository, turns: readonly RosterTurn[], from: string, to: string): Map<number, AbsentMark[]> {
  const marks = new Map<number, AbsentMark[]>();
  const staffed = turns.filter((t) => t.status === 'published' && t.advisers.length > 0);
  if (staffed.length === 0) return marks;
  const byAdviser = new Map<number, Array<{ id: number; from: string; to: string }>>();
  for (const a of repo.absencesBetween(from, to)) {
    const list = byAdviser.get(a.adviser_id);
    const span = { id: a.id, from: a.from_date, to: a.to_date };
    if (list) list.push(span);
    else byAdviser.set(a.adviser_id, [span]);
  }
  if (byAdviser.size === 0) return marks;
  for (const turn of staffed) {
    for (const adviser of turn.advisers) {
      // Dates are YYYY-MM-DD, so string order is date order.
      const hit = byAdviser.get(adviser.id)?.find((s) => s.from <= turn.date && turn.date <= s.to);
      if (!hit) continue;
      const list = marks.get(turn.id) ?? [];
      list.push({ adviserId: adviser.id, name: adviser.name, absenceId: hit.id });
      marks.set(turn.id, list);
    }
  }
  return marks;
}
