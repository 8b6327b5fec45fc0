import { shiftDate } from '../time/zone.js';
import { byStart, expandTurns } from './expand.js';
import { improveBalance } from './improve.js';
import { ledgerOf, ledgersFromHistory, ShareBook } from './ledger.js';
import { Staffing } from './staffing.js';
import type { EngineInput, EngineResult, RosterTurn } from './types.js';

interface Item { serviceId: number; turns: RosterTurn[] }

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

  for (const item of itemsOf(roster, units)) {
    const ledger = ledgerOf(ledgers, item.serviceId);
    for (const t of item.turns) ledger.addTarget(book.on(t.serviceId, t.date), t.hours);
    const free = item.turns.filter((t) => t.status === 'draft');
    if (free.length > 0) {
      const fixed = item.turns.find((t) => cityFixed.has(t) && t.cityId !== null)?.cityId ?? null;
      const first = item.turns[0] as RosterTurn;
      const order = fixed !== null ? [fixed] : ledger.rank(book.on(item.serviceId, first.date), sumHours(item.turns));
      chooseCity(staffing, free, order, cityFixed);
    }
    for (const t of item.turns) if (t.cityId !== null) ledger.credit(t.cityId, t.hours);
  }

  improveBalance(staffing, roster);
  return { turns: roster.sort(byStart), removedTurnIds };
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
      ...e, id: old?.id ?? null, cityId: keepCity ? (old?.cityId ?? null) : null,
      cityPinned: old?.cityPinned ?? false, status: 'draft', assignments: pinned,
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

const sumHours = (turns: readonly RosterTurn[]) => turns.reduce((s, t) => s + t.hours, 0);

/**
 * Offers the item to the cities in ledger order and keeps the first that can
 * staff every seat. If none can, the city that fills most seats holds it with
 * the rest open; if nobody can fill any seat, the turns stay open without a
 * holder and no city is charged for them.
 */
function chooseCity(staffing: Staffing, turns: RosterTurn[], order: readonly number[], cityFixed: ReadonlySet<RosterTurn>): void {
  let best: { cityId: number; filled: number } | null = null;
  for (const cityId of order) {
    const placed = staffTurns(staffing, turns, cityId, cityFixed);
    const open = turns.reduce((s, t) => s + Math.max(0, t.headcount - t.assignments.length), 0);
    if (open === 0) return;
    if (!best || placed > best.filled) best = { cityId, filled: placed };
    undo(staffing, turns, cityFixed);
  }
  if (best && best.filled > 0) staffTurns(staffing, turns, best.cityId, cityFixed);
}

function staffTurns(staffing: Staffing, turns: RosterTurn[], cityId: number, cityFixed: ReadonlySet<RosterTurn>): number {
  let placed = 0;
  for (const t of turns) {
    if (!cityFixed.has(t)) t.cityId = cityId;
    if (t.cityId === null) continue;
    const picks = staffing.choose(t.cityId, t, t.assignments.map((a) => a.adviserId), shiftDate(t.date, -1), shiftDate(t.date, 1));
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
