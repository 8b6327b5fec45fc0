import { overlaps, speaks } from './hard-rules.js';
import type { Staffing } from './staffing.js';
import { solver, SOLVER_OPTIONS } from './solver.js';
import type { AdviserSpec, RosterTurn } from './types.js';

/** Turns further apart than this cannot break the 11 h rest rule together. */
const REST_REACH_MS = 48 * 3_600_000;
const MAX_CUT_ROUNDS = 8;

interface Var {
  name: string;
  a: AdviserSpec;
  t: RosterTurn;
  old: boolean;
}

export interface ExactFillOutcome {
  solver: boolean;
  blocks: number;
  seatsGained: number;
  /** Blocks where the solver stopped at a node or iteration limit: their fill is not proven maximal. */
  unproven: number;
}

/**
 * Level 2, exactly where repair was not enough: for each city and ISO week
 * that still has an open seat, a 0-1 model over every draft turn the city
 * holds that week: one variable per adviser and turn the adviser could take
 * given everything outside the block, at most the free seats per turn, a
 * speaker on a full language turn, no two overlapping turns, the weekly
 * maximum, and rest cuts added lazily (a set of an adviser's turns that
 * breaks the 11 h rest is forbidden as a whole and the model solved again).
 * It maximises the seats filled, then keeps as many of the current choices
 * as possible. Solved by HiGHS with node and iteration limits (deterministic);
 * the result replaces the block only if it fills more seats and every
 * placement passes the hard rules again.
 */
export function exactFill(staffing: Staffing, roster: readonly RosterTurn[]): ExactFillOutcome {
  const highs = solver();
  const outcome: ExactFillOutcome = { solver: highs !== null, blocks: 0, seatsGained: 0, unproven: 0 };
  if (!highs) return outcome;
  const blocks = new Map<string, RosterTurn[]>();
  for (const t of roster) {
    if (t.status !== 'draft' || t.cityId === null) continue;
    const key = `${t.cityId}|${t.week}`;
    blocks.set(key, [...(blocks.get(key) ?? []), t]);
  }
  for (const key of [...blocks.keys()].sort()) {
    const turns = (blocks.get(key) as RosterTurn[]).sort((x, y) => x.startMs - y.startMs || x.serviceId - y.serviceId);
    if (!turns.some((t) => t.assignments.length < t.headcount)) continue;
    outcome.blocks++;
    const block = solveBlock(staffing, turns, highs);
    outcome.seatsGained += block.gained;
    if (!block.proven) outcome.unproven++;
  }
  return outcome;
}

function solveBlock(staffing: Staffing, turns: RosterTurn[], highs: NonNullable<ReturnType<typeof solver>>): { gained: number; proven: boolean } {
  let proven = false;
  const before = turns.reduce((s, t) => s + t.assignments.length, 0);
  const old = turns.map((t) => t.assignments.map((a) => ({ ...a })));
  const empty = () => {
    for (const t of turns) {
      for (const a of t.assignments) if (!a.pinned) staffing.unplace(a.adviserId, t, true);
      t.assignments = t.assignments.filter((a) => a.pinned);
    }
  };
  const restore = () => {
    empty();
    turns.forEach((t, i) => {
      t.assignments = (old[i] as RosterTurn['assignments']).map((a) => ({ ...a }));
      for (const a of t.assignments) if (!a.pinned) staffing.place(a.adviserId, t, true);
    });
  };
  empty();
  const vars: Var[] = [];
  turns.forEach((t, i) => {
    const on = new Set(t.assignments.map((a) => a.adviserId));
    const had = new Set((old[i] as RosterTurn['assignments']).map((a) => a.adviserId));
    for (const a of staffing.pool(t.cityId as number, t.serviceId)) {
      if (!on.has(a.id) && staffing.canTake(a, t)) vars.push({ name: `x${vars.length}`, a, t, old: had.has(a.id) });
    }
  });
  const rows = baseRows(staffing, turns, vars);
  for (let round = 0; round < MAX_CUT_ROUNDS; round++) {
    const lp = `Maximize\n obj: ${vars.map((v) => `${v.old ? 1.001 : 1} ${v.name}`).join(' + ') || '0 x0'}\nSubject To\n${rows.map((r, i) => ` r${i}: ${r}`).join('\n')}\nBinaries\n ${vars.map((v) => v.name).join(' ')}\nEnd`;
    let chosen: Var[];
    try {
      const result = highs.solve(lp, SOLVER_OPTIONS as never);
      if (result.Status !== 'Optimal' && !/limit/i.test(String(result.Status))) break;
      proven = result.Status === 'Optimal';
      chosen = vars.filter((v) => ((result.Columns[v.name] as { Primal?: number } | undefined)?.Primal ?? 0) > 0.5);
    } catch {
      break;
    }
    const pinned = turns.reduce((s, t) => s + t.assignments.length, 0);
    if (pinned + chosen.length <= before) break; // the current fill is already as good as the model's
    const placed: Var[] = [];
    let failed: Var | null = null;
    for (const v of chosen.sort((x, y) => x.t.startMs - y.t.startMs || x.a.id - y.a.id)) {
      if (!staffing.canTake(v.a, v.t)) {
        failed = v;
        break;
      }
      staffing.place(v.a.id, v.t, true);
      v.t.assignments.push({ adviserId: v.a.id, pinned: false });
      placed.push(v);
    }
    if (!failed && turns.every(languageHolds(staffing))) return { gained: pinned + chosen.length - before, proven };
    empty();
    if (!failed) break;
    const near = chosen.filter((v) => v.a.id === (failed as Var).a.id && Math.abs(v.t.startMs - (failed as Var).t.startMs) < REST_REACH_MS);
    rows.push(`${near.map((v) => v.name).join(' + ')} <= ${near.length - 1}`);
  }
  restore();
  return { gained: 0, proven };
}

function languageHolds(staffing: Staffing): (t: RosterTurn) => boolean {
  return (t) =>
    t.language === null || t.assignments.length < t.headcount || t.assignments.some((a) => speaks(staffing.byId.get(a.adviserId) as AdviserSpec, t.language));
}

function baseRows(staffing: Staffing, turns: readonly RosterTurn[], vars: readonly Var[]): string[] {
  const rows: string[] = [];
  for (const t of turns) {
    const own = vars.filter((v) => v.t === t);
    if (own.length === 0) continue;
    const free = t.headcount - t.assignments.length;
    rows.push(`${own.map((v) => v.name).join(' + ')} <= ${free}`);
    const hasSpeaker = t.assignments.some((a) => speaks(staffing.byId.get(a.adviserId) as AdviserSpec, t.language));
    if (t.language !== null && !hasSpeaker && free > 0) {
      const terms = own.map((v) => (speaks(v.a, t.language) ? `- ${free} ${v.name}` : `+ ${v.name}`)).join(' ');
      rows.push(`${terms.replace(/^\+ /, '')} <= ${free - 1}`);
    }
  }
  const byAdviser = new Map<number, Var[]>();
  for (const v of vars) byAdviser.set(v.a.id, [...(byAdviser.get(v.a.id) ?? []), v]);
  for (const list of byAdviser.values()) {
    const a = (list[0] as Var).a;
    const room = a.maxHoursPerWeek - staffing.weekHours(a.id, (list[0] as Var).t.week);
    rows.push(`${list.map((v) => `${v.t.hours} ${v.name}`).join(' + ')} <= ${room + 1e-6}`);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (overlaps((list[i] as Var).t, (list[j] as Var).t)) rows.push(`${(list[i] as Var).name} + ${(list[j] as Var).name} <= 1`);
      }
    }
  }
  return rows;
}
