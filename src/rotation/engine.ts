import { shiftDate } from '../time/zone.js';
import { balanceHours } from './balance-hours.js';
import { byStart, expandTurns } from './expand.js';
import { improveBalance } from './improve.js';
import { ledgerOf, ledgersFromHistory, ShareBook } from './ledger.js';
import { ServicePlan, type Unit } from './level1-plan.js';
import { exactFill } from './exact-fill.js';
import { openSeatReport, repairSeats } from './repair.js';
import { Staffing } from './staffing.js';
import type { EngineInput, EngineResult, RosterTurn } from './types.js';

type Item = Unit;

/**
 * Generates the roster of a range: expands the turns, keeps published turns
 * and pinned choices, gives the other turns to cities by the deficit ledger
 * (level 1) and staffs them within the city (level 2), then evens out the
 * load by local search. Deterministic: every order has an explicit key.
 */
export function solve(input: EngineInput): EngineResult {
  const { roster, removedTurnIds, cityFixed } = mergeWithStored(input);
  const staffing = new Staffing(input.advisers, input.absences, { from: shiftDate(input.from, -8), to: shiftDate(input.to, 8) });
  for (const t of input.context) for (const a of t.assignments) staffing.place(a.adviserId, t, false);
  for (const t of roster) for (const a of t.assignments) staffing.place(a.adviserId, t, true);

  const book = new ShareBook(input.shares, input.cities);
  const ledgers = ledgersFromHistory(input.history, book);
  const units = new Map(input.services.map((s) => [s.id, s.rotationUnit]));

  // Level 1 per service, exactly (level1.ts); then the units in time order, each staffed by its holder.
  const all = itemsOf(roster, units);
  const plans = new Map<number, ServicePlan>();
  const indexOf = new Map<Item, number>();
  for (const serviceId of [...new Set(all.map((i) => i.serviceId))].sort((a, b) => a - b)) {
    const own = all.filter((i) => i.serviceId === serviceId);
    own.forEach((item, u) => indexOf.set(item, u));
    plans.set(serviceId, new ServicePlan(serviceId, own, book, ledgerOf(ledgers, serviceId), staffing, cityFixed));
  }
  const movable = new Set(roster.filter((t) => t.status === 'draft'));
  for (const item of all) staffUnit(staffing, item, plans.get(item.serviceId) as ServicePlan, indexOf.get(item) as number, cityFixed, movable);
  // Later turns may now give way to earlier open seats: one more repair pass over what is still open.
  repairSeats(
    staffing,
    roster.filter((t) => t.cityId !== null && t.assignments.length < t.headcount),
    movable,
  );
  // Where seats are still open, an exact model per city and week (HiGHS, if loaded).
  const fill = exactFill(staffing, roster);

  improveBalance(staffing, roster);
  // Then the fairest load in hours, carried ledgers included (balance-hours.ts).
  const carried = new Map((input.adviserCarry ?? []).map((r) => [`${r.serviceId}|${r.adviserId}`, r.hours]));
  balanceHours(staffing, roster, input.absences, carried);
  const openSeats = openSeatReport(
    staffing,
    roster.filter((t) => t.status === 'draft'),
  );
  return {
    turns: roster.sort(byStart),
    removedTurnIds,
    level1: [...plans.values()].map((p) => p.outcome),
    openSeats,
    level2: { solver: fill.solver, exactBlocks: fill.blocks, seatsGained: fill.seatsGained, unproven: fill.unproven },
  };
}

/**
 * The expanded pattern laid over what is stored: published turns stay as
 * they are, draft turns keep their id, their pinned advisers and (when
 * pinned) their city; stored drafts the pattern no longer has are removed
 * unless something on them was pinned.
 */
function mergeWithStored(input: EngineInput): { roster: RosterTurn[]; removedTurnIds: number[]; cityFixed: Set<RosterTurn> } {
  const expanded = expandTurns(input.services, input.from, input.to, input.closedDates);
  const stored = new Map(input.existing.map((t) => [`${t.serviceId}|${t.startAt}`, t]));
  const used = new Set<RosterTurn>();
  const roster: RosterTurn[] = [];
  const cityFixed = new Set<RosterTurn>();
  for (const e of expanded) {
    const old = stored.get(`${e.serviceId}|${e.startAt}`);
    if (old) used.add(old);
    if (old?.status === 'published') {
      roster.push(old);
      cityFixed.add(old);
      continue;
    }
    const pinned = old?.assignments.filter((a) => a.pinned) ?? [];
    const keepCity = old !== undefined && (old.cityPinned || pinned.length > 0);
    const turn: RosterTurn = {
      ...e,
      id: old?.id ?? null,
      cityId: keepCity ? (old?.cityId ?? null) : null,
      cityPinned: old?.cityPinned ?? false,
      status: 'draft',
      assignments: pinned,
    };
    if (keepCity) cityFixed.add(turn);
    roster.push(turn);
  }
  const removedTurnIds: number[] = [];
  for (const old of input.existing) {
    if (used.has(old)) continue;
    const pinned = old.assignments.filter((a) => a.pinned);
    if (old.status === 'published' || old.cityPinned || pinned.length > 0) {
      const kept = old.status === 'published' ? old : { ...old, assignments: pinned };
      roster.push(kept);
      cityFixed.add(kept);
    } else if (old.id !== null) {
      removedTurnIds.push(old.id);
    }
  }
  roster.sort(byStart);
  return { roster, removedTurnIds, cityFixed };
}

/** Rotation units: one turn, all turns of a day, or all turns of an ISO week go to one city. */
function itemsOf(roster: readonly RosterTurn[], units: ReadonlyMap<number, string>): Item[] {
  const items = new Map<string, Item>();
  for (const t of roster) {
    const unit = units.get(t.serviceId) ?? 'turn';
    const key = unit === 'week' ? `${t.serviceId}|${t.week}` : unit === 'day' ? `${t.serviceId}|${t.date}` : `${t.serviceId}|${t.startAt}`;
    let item = items.get(key);
    if (!item) items.set(key, (item = { serviceId: t.serviceId, turns: [] }));
    item.turns.push(t);
  }
  return [...items.values()].sort((a, b) => byStart(a.turns[0] as RosterTurn, b.turns[0] as RosterTurn));
}

const openSeats = (turns: readonly RosterTurn[]) => turns.reduce((s, t) => s + (t.cityId === null ? 0 : Math.max(0, t.headcount - t.assignments.length)), 0);

/**
 * Staffs one unit with its planned holder. If seats stay open, the other
 * cities with a share are tried (most owed first); one that leaves fewer
 * seats open takes the unit and level 1 is planned again from there.
 */
function staffUnit(staffing: Staffing, item: Item, plan: ServicePlan, u: number, cityFixed: ReadonlySet<RosterTurn>, movable: ReadonlySet<RosterTurn>): void {
  const free = item.turns.filter((t) => t.status === 'draft');
  const holder = plan.holders[u] ?? null;
  if (free.length === 0 || holder === null) return;
  const staffTurns = (turns: RosterTurn[], cityId: number, fixed: ReadonlySet<RosterTurn>) => {
    staffGreedy(staffing, turns, cityId, fixed);
    // A short repair here (one move deep) decides between cities cheaply; the deep one runs once at the end.
    if (openSeats(turns) > 0) repairSeats(staffing, turns, movable, { depth: 2, budget: 300 });
  };
  staffTurns(free, holder, cityFixed);
  const planned = openSeats(free);
  if (planned === 0 || plan.items[u]?.fixed) return;
  undo(staffing, free, cityFixed);
  let best = { city: holder, open: planned };
  for (const city of plan.alternatives(u)) {
    staffTurns(free, city, cityFixed);
    const open = openSeats(free);
    undo(staffing, free, cityFixed);
    if (open < best.open) best = { city, open };
    if (open === 0) break;
  }
  if (best.city !== holder) plan.force(u, best.city);
  staffTurns(free, best.city, cityFixed);
}

/**
 * Greedy staffing of a unit's turns by the holder, scarcest turn first: a
 * language turn before others, then the turn with fewest advisers who could
 * take it now, then time order.
 */
function staffGreedy(staffing: Staffing, turns: RosterTurn[], cityId: number, cityFixed: ReadonlySet<RosterTurn>): number {
  let placed = 0;
  for (const t of turns) if (!cityFixed.has(t)) t.cityId = cityId;
  const scarcity = new Map(turns.map((t) => [t, t.cityId === null ? 0 : staffing.pool(t.cityId, t.serviceId).filter((a) => staffing.canTake(a, t)).length]));
  const order = [...turns].sort(
    (a, b) => Number(b.language !== null) - Number(a.language !== null) || (scarcity.get(a) ?? 0) - (scarcity.get(b) ?? 0) || byStart(a, b),
  );
  for (const t of order) {
    if (t.cityId === null) continue;
    const picks = staffing.choose(
      t.cityId,
      t,
      t.assignments.map((a) => a.adviserId),
      shiftDate(t.date, -1),
      shiftDate(t.date, 1),
    );
    for (const id of picks) {
      staffing.place(id, t, true);
      t.assignments.push({ adviserId: id, pinned: false });
    }
    placed += picks.length;
  }
  return placed;
}

function undo(staffing: Staffing, turns: RosterTurn[], cityFixed: ReadonlySet<RosterTurn>): void {
  for (const t of turns) {
    for (const a of t.assignments) if (!a.pinned) staffing.unplace(a.adviserId, t, true);
    t.assignments = t.assignments.filter((a) => a.pinned);
    if (!cityFixed.has(t)) t.cityId = null;
  }
}
