import { speaks } from './hard-rules.js';
import type { BlockingRule, Staffing } from './staffing.js';
import type { AdviserSpec, RosterTurn, Turn } from './types.js';

/** How far away a held turn can still block another: the weekly maximum spans an ISO week, the rest rule a day. */
const REACH_MS = 7 * 86_400_000;
/** Chain length of one augmenting path: an adviser moves to the open seat, someone else takes their turn, and so on. */
const MAX_DEPTH = 3;
/** Search steps per open seat: bounds the time deterministically (never a clock). */
const BUDGET = 3_000;

export interface OpenSeat {
  turn: RosterTurn;
  open: number;
  /** Every adviser of the holding city with the skill, and the first hard rule that keeps them off. */
  candidates: Array<{ adviserId: number; rule: BlockingRule }>;
}

/**
 * Level 2 repair: fills open seats by augmenting paths over the candidate
 * graph of the holding city. A seat is filled directly by a free candidate,
 * or a candidate blocked by one of their own turns (overlap, rest, weekly
 * maximum) leaves that turn for the seat and the turn's seat is filled the
 * same way, up to MAX_DEPTH moves. Every step is checked against every hard
 * rule (canTake) and undone if the chain fails, so the roster never breaks a
 * rule. Only draft, unpinned assignments move.
 */
export function repairSeats(
  staffing: Staffing,
  turns: readonly RosterTurn[],
  movable: ReadonlySet<RosterTurn>,
  limits: { depth: number; budget: number } = { depth: MAX_DEPTH, budget: BUDGET },
): void {
  for (const t of turns) {
    if (t.status !== 'draft' || t.cityId === null) continue;
    while (t.assignments.length < t.headcount) {
      const budget = { left: limits.budget };
      if (!augment(staffing, t, limits.depth, new Set(), movable, budget)) break;
    }
  }
}

function candidatesFor(staffing: Staffing, t: RosterTurn, banned: ReadonlySet<number>): AdviserSpec[] {
  if (t.cityId === null) return [];
  const on = new Set(t.assignments.map((a) => a.adviserId));
  const hasSpeaker = t.language === null || t.assignments.some((a) => speaks(staffing.byId.get(a.adviserId) as AdviserSpec, t.language));
  const lastSeat = t.headcount - t.assignments.length === 1;
  return staffing
    .pool(t.cityId, t.serviceId)
    .filter((a) => !on.has(a.id) && !banned.has(a.id) && staffing.availableOn(a, t.date) && (hasSpeaker || !lastSeat || speaks(a, t.language)));
}

function assign(staffing: Staffing, a: AdviserSpec, t: RosterTurn): void {
  staffing.place(a.id, t, true);
  t.assignments.push({ adviserId: a.id, pinned: false });
}

function unassign(staffing: Staffing, a: AdviserSpec, t: RosterTurn): void {
  staffing.unplace(a.id, t, true);
  t.assignments = t.assignments.filter((x) => x.adviserId !== a.id);
}

function augment(staffing: Staffing, t: RosterTurn, depth: number, banned: Set<number>, movable: ReadonlySet<RosterTurn>, budget: { left: number }): boolean {
  const candidates = candidatesFor(staffing, t, banned);
  for (const a of candidates) {
    if (--budget.left < 0) return false;
    if (staffing.canTake(a, t)) {
      assign(staffing, a, t);
      return true;
    }
  }
  if (depth <= 1) return false;
  for (const a of candidates) {
    const held = staffing.heldBetween(a.id, t.startMs - REACH_MS, t.endMs + REACH_MS) as RosterTurn[];
    for (const x of held) {
      if (budget.left < 0) return false;
      if (x === t || !movable.has(x) || x.assignments.some((s) => s.adviserId === a.id && s.pinned)) continue;
      budget.left--;
      unassign(staffing, a, x);
      if (staffing.canTake(a, t)) {
        assign(staffing, a, t);
        banned.add(a.id);
        if (augment(staffing, x, depth - 1, banned, movable, budget)) return true;
        banned.delete(a.id);
        unassign(staffing, a, t);
      }
      assign(staffing, a, x);
    }
  }
  return false;
}

/** Each seat still open, with every candidate of the city and the rule that blocks them. */
export function openSeatReport(staffing: Staffing, turns: readonly RosterTurn[]): OpenSeat[] {
  const out: OpenSeat[] = [];
  for (const t of turns) {
    if (t.cityId === null || t.assignments.length >= t.headcount) continue;
    const on = new Set(t.assignments.map((a) => a.adviserId));
    const hasSpeaker = t.language === null || t.assignments.some((a) => speaks(staffing.byId.get(a.adviserId) as AdviserSpec, t.language));
    const candidates = staffing.pool(t.cityId, t.serviceId).map((a) => {
      let rule: BlockingRule | null = on.has(a.id) ? 'on_turn' : staffing.blockingRule(a, t as Turn);
      if (rule === null && !hasSpeaker && !speaks(a, t.language)) rule = 'language';
      return { adviserId: a.id, rule: rule ?? 'language' };
    });
    out.push({ turn: t, open: t.headcount - t.assignments.length, candidates });
  }
  return out;
}
