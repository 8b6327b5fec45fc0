import { speaks } from './hard-rules.js';
import type { Ledger, ShareBook } from './ledger.js';
import { planLevel1, type Level1Item } from './level1.js';
import type { Staffing } from './staffing.js';
import type { RosterTurn } from './types.js';

/** One rotation unit of one service: a turn, a day's turns or an ISO week's turns. */
export interface Unit {
  serviceId: number;
  turns: RosterTurn[];
}

export interface Level1Outcome {
  serviceId: number;
  /** Largest |carried + held − quota| in hours over every prefix and city, of the chosen sequence. */
  boundHours: number;
  /** Proven optimal (false only when the exact search reached its state limit; the bound is then the best found). */
  exact: boolean;
  /** The most-owed-first greedy's bound, for comparison. */
  greedyHours: number;
  /** Units not free among every city with a share (fixed, ineligible cities, or moved for staffing): the bound is optimal given these. */
  restricted: number;
}

/**
 * What a city could staff of a unit before anything else is placed: per
 * open seat, whether enough of its advisers with the skill are active and
 * not absent on the date (a language seat needs a speaker). The cities with
 * a share that can staff the most seats are the eligible ones; a unit none of
 * them can staff at all has no holder and charges nobody, as before.
 */
function eligibleCities(staffing: Staffing, unit: Unit, quotas: ReadonlyMap<number, number>): number[] {
  const scores = [...quotas]
    .filter(([, q]) => q > 0)
    .map(([cityId]) => {
      let score = 0;
      for (const t of unit.turns) {
        if (t.status !== 'draft') continue;
        const seats = t.headcount - t.assignments.length;
        if (seats <= 0) continue;
        const free = staffing.pool(cityId, t.serviceId).filter((a) => staffing.availableOn(a, t.date) && !t.assignments.some((x) => x.adviserId === a.id));
        const speaker = t.language === null || free.some((a) => speaks(a, t.language));
        score += Math.min(seats - (speaker ? 0 : 1), free.length);
      }
      return { cityId, score };
    });
  const best = Math.max(0, ...scores.map((s) => s.score));
  const hasFree = unit.turns.some((t) => t.status === 'draft' && t.headcount > t.assignments.length);
  // A unit with nothing left to staff (all seats pinned) may still go to any city with a share.
  if (best === 0 && hasFree) return [];
  return scores
    .filter((s) => s.score === best)
    .map((s) => s.cityId)
    .sort((a, b) => a - b);
}

/**
 * Level 1 for one service: the exact minimax sequence of holders over the
 * units (see level1.ts), from the carried ledger, honouring fixed units
 * (published turns, pinned cities or pinned advisers) and eligibility.
 *
 * Eligibility is first judged before staffing (eligibleCities). When level 2
 * then finds that the planned holder cannot staff a unit that another city
 * can, the engine gives the unit to that city (`force`): the unit and every
 * earlier one are fixed as they are and the rest is planned again, exactly,
 * from there. An open seat weighs more than a fraction of an hour of ledger.
 */
/** Forced units per service that are followed by a new exact plan of the rest. */
const MAX_REPLANS = 10;

export class ServicePlan {
  readonly items: Level1Item[];
  private readonly carried = new Map<number, number>();
  private readonly forced = new Set<number>();
  private readonly initial: number[][];
  holders: Array<number | null> = [];
  outcome: Level1Outcome;

  constructor(
    readonly serviceId: number,
    readonly units: readonly Unit[],
    book: ShareBook,
    ledger: Ledger,
    staffing: Staffing,
    cityFixed: ReadonlySet<RosterTurn>,
  ) {
    this.items = units.map((unit) => {
      const quotas = new Map<number, number>();
      for (const t of unit.turns) for (const [cityId, share] of book.on(serviceId, t.date)) quotas.set(cityId, (quotas.get(cityId) ?? 0) + share * t.hours);
      const hours = unit.turns.reduce((s, t) => s + t.hours, 0);
      const fixedTurn = unit.turns.find((t) => cityFixed.has(t) && t.cityId !== null);
      const hasDraft = unit.turns.some((t) => t.status === 'draft');
      if (fixedTurn || !hasDraft) {
        const fixedCity = fixedTurn?.cityId ?? null;
        const fixed = new Map<number, number>();
        for (const t of unit.turns) {
          const c = cityFixed.has(t) ? t.cityId : fixedCity;
          if (c !== null) fixed.set(c, (fixed.get(c) ?? 0) + t.hours);
        }
        return { hours, quotas, eligible: fixedCity === null ? [] : [fixedCity], fixed };
      }
      return { hours, quotas, eligible: eligibleCities(staffing, unit, quotas) };
    });
    this.initial = this.items.map((it) => [...it.eligible]);
    for (const id of new Set([...ledger.target.keys(), ...ledger.actual.keys()])) this.carried.set(id, -ledger.deficit(id));
    this.outcome = { serviceId, boundHours: 0, exact: true, greedyHours: 0, restricted: 0 };
    this.plan();
  }

  /** The credit of unit v as held now: its fixed hours, or its hours to its holder. */
  private creditOf(v: number): Map<number, number> {
    const item = this.items[v] as Level1Item;
    if (item.fixed) return new Map(item.fixed);
    const h = this.holders[v];
    return h === null || h === undefined ? new Map() : new Map([[h, item.hours]]);
  }

  /** The ledger after units 0..from−1 as held, and the largest |deviation| reached on the way. */
  private prefix(from: number): { ledger: Map<number, number>; bound: number } {
    const ledger = new Map(this.carried);
    let bound = 0;
    for (let v = 0; v < from; v++) {
      for (const [c, q] of (this.items[v] as Level1Item).quotas) ledger.set(c, (ledger.get(c) ?? 0) - q);
      for (const [c, h] of this.creditOf(v)) ledger.set(c, (ledger.get(c) ?? 0) + h);
      for (const d of ledger.values()) bound = Math.max(bound, Math.abs(d));
    }
    return { ledger, bound };
  }

  /** Plans units from..end exactly from the ledger the earlier units left (the earlier ones stay as they are). */
  private plan(from = 0, exactBefore = true): void {
    const { ledger, bound } = this.prefix(from);
    const plan = planLevel1(this.items.slice(from), ledger);
    this.holders = [
      ...this.holders.slice(0, from),
      ...this.items.slice(from).map((item, i) => (item.fixed ? (item.eligible[0] ?? null) : (plan.holders[i] ?? null))),
    ];
    this.setOutcome(Math.max(bound, plan.boundHours), exactBefore && plan.exact, from === 0 ? plan.greedyHours : this.outcome.greedyHours);
  }

  private setOutcome(boundHours: number, exact: boolean, greedyHours: number): void {
    const restricted = this.items.filter(
      (it, u) => it.fixed !== undefined || this.forced.has(u) || [...it.quotas].filter(([, q]) => q > 0).some(([c]) => !(this.initial[u] ?? []).includes(c)),
    ).length;
    this.outcome = { serviceId: this.serviceId, boundHours, exact, greedyHours, restricted };
  }

  /** Cities with a share in unit u other than its planned holder, most owed first: where to turn when the holder cannot staff it. */
  alternatives(u: number): number[] {
    const item = this.items[u] as Level1Item;
    if (item.fixed) return [];
    const owed = new Map<number, number>(this.carried);
    for (let v = 0; v <= u; v++) {
      const it = this.items[v] as Level1Item;
      for (const [c, q] of it.quotas) owed.set(c, (owed.get(c) ?? 0) - q);
      const h = this.holders[v];
      if (v < u && h !== null && h !== undefined) owed.set(h, (owed.get(h) ?? 0) + (this.items[v] as Level1Item).hours);
    }
    return [...item.quotas]
      .filter(([c, q]) => q > 0 && c !== this.holders[u])
      .sort((a, b) => (owed.get(a[0]) ?? 0) - (owed.get(b[0]) ?? 0) || a[0] - b[0])
      .map(([c]) => c);
  }

  /**
   * Unit u goes to city (or nobody); units before it stay as they are; the
   * rest is planned again from the ledger they leave. After MAX_REPLANS the
   * unit is switched without planning again (bounded work whatever the
   * range), and the bound is no longer claimed optimal.
   */
  force(u: number, city: number | null): void {
    this.forced.add(u);
    (this.items[u] as Level1Item).eligible = city === null ? [] : [city];
    if (this.forced.size <= MAX_REPLANS) {
      this.plan(u, this.outcome.exact);
      return;
    }
    this.holders[u] = city;
    this.setOutcome(this.prefix(this.items.length).bound, false, this.outcome.greedyHours);
  }
}
