import { absenceIndex, activeOn, EPS_HOURS, overlaps, restHolds, speaks, WINDOW_MS } from './hard-rules.js';
import type { AbsenceSpec, AdviserSpec, Turn } from './types.js';

interface Busy {
  startMs: number;
  endMs: number;
  turn: Turn;
}

/** Why an adviser of the city cannot take a seat: reported with every seat left open. */
export type BlockingRule = 'skill' | 'inactive' | 'absent' | 'language' | 'on_turn' | 'overlap' | 'weekly_max' | 'rest';

/** What one adviser already carries: the hard rules and the soft goals read this. */
class AdviserLoad {
  readonly busy: Busy[] = []; // sorted by start
  readonly weekHours = new Map<string, number>();
  /** Dates worked per service, for the spread over days. */
  readonly days = new Map<number, Map<string, number>>();
  /** Turns per service inside the range, for load balance. */
  readonly turns = new Map<number, number>();

  add(turn: Turn, counts: boolean): void {
    let lo = 0;
    let hi = this.busy.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.busy[mid] as Busy).startMs <= turn.startMs) lo = mid + 1;
      else hi = mid;
    }
    this.busy.splice(lo, 0, { startMs: turn.startMs, endMs: turn.endMs, turn });
    this.weekHours.set(turn.week, (this.weekHours.get(turn.week) ?? 0) + turn.hours);
    let days = this.days.get(turn.serviceId);
    if (!days) this.days.set(turn.serviceId, (days = new Map()));
    days.set(turn.date, (days.get(turn.date) ?? 0) + 1);
    if (counts) this.turns.set(turn.serviceId, (this.turns.get(turn.serviceId) ?? 0) + 1);
  }

  remove(turn: Turn, counts: boolean): void {
    const i = this.busy.findIndex((b) => b.turn === turn);
    if (i >= 0) this.busy.splice(i, 1);
    this.weekHours.set(turn.week, (this.weekHours.get(turn.week) ?? 0) - turn.hours);
    const days = this.days.get(turn.serviceId);
    const left = (days?.get(turn.date) ?? 1) - 1;
    if (left > 0) days?.set(turn.date, left);
    else days?.delete(turn.date);
    if (counts) this.turns.set(turn.serviceId, (this.turns.get(turn.serviceId) ?? 1) - 1);
  }

  /** Index of the first busy interval starting at or after ms. */
  firstFrom(ms: number): number {
    let lo = 0;
    let hi = this.busy.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.busy[mid] as Busy).startMs < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// Soft-goal weights, in units of one turn of normalised load: a preference or
// the spread can outweigh at most this much imbalance, so load stays within a
// turn or so while people still get their desired days where it is free.
const CONSECUTIVE = 0.6;
const UNDESIRED = 0.7;
const DESIRED = -0.2;

/**
 * Level 2: the advisers' state over the whole range plus its surroundings, and
 * the choice of advisers for one turn under the hard rules.
 */
export class Staffing {
  private readonly loads = new Map<number, AdviserLoad>();
  private readonly absent: Map<number, Set<string>>;
  private readonly pools = new Map<string, AdviserSpec[]>();
  private readonly weight = new Map<string, number>();
  readonly byId = new Map<number, AdviserSpec>();

  constructor(advisers: readonly AdviserSpec[], absences: readonly AbsenceSpec[], range: { from: string; to: string }) {
    this.absent = absenceIndex(absences, range);
    for (const a of [...advisers].sort((x, y) => x.id - y.id)) {
      this.byId.set(a.id, a);
      this.loads.set(a.id, new AdviserLoad());
      for (const s of a.skills) {
        const key = `${a.cityId}|${s}`;
        this.pools.set(key, [...(this.pools.get(key) ?? []), a]);
      }
    }
    // Capacity relative to the pool's mean: a 30 h adviser should carry 1.5× a 20 h one.
    for (const [key, pool] of this.pools) {
      const mean = pool.reduce((s, a) => s + a.maxHoursPerWeek, 0) / pool.length;
      for (const a of pool) this.weight.set(`${key}|${a.id}`, a.maxHoursPerWeek / mean);
    }
  }

  pool(cityId: number, serviceId: number): readonly AdviserSpec[] {
    return this.pools.get(`${cityId}|${serviceId}`) ?? [];
  }

  place(adviserId: number, turn: Turn, counts: boolean): void {
    this.loads.get(adviserId)?.add(turn, counts);
  }

  unplace(adviserId: number, turn: Turn, counts: boolean): void {
    this.loads.get(adviserId)?.remove(turn, counts);
  }

  /** Active and not absent on a date: whether the adviser could work at all that day. */
  availableOn(a: AdviserSpec, date: string): boolean {
    return activeOn(a, date) && !this.absent.get(a.id)?.has(date);
  }

  /** Every hard rule of level 2 for one more turn (the adviser's city and skill come from the pool). */
  canTake(a: AdviserSpec, turn: Turn): boolean {
    if (!activeOn(a, turn.date)) return false;
    if (this.absent.get(a.id)?.has(turn.date)) return false;
    const load = this.loads.get(a.id) as AdviserLoad;
    if ((load.weekHours.get(turn.week) ?? 0) + turn.hours > a.maxHoursPerWeek + EPS_HOURS) return false;
    const from = load.firstFrom(turn.startMs - 2 * WINDOW_MS);
    const near: Array<{ startMs: number; endMs: number }> = [];
    let placed = false;
    for (let i = from; i < load.busy.length; i++) {
      const b = load.busy[i] as Busy;
      if (b.startMs > turn.endMs + WINDOW_MS) break;
      if (overlaps(b, turn)) return false;
      if (!placed && b.startMs > turn.startMs) {
        near.push(turn);
        placed = true;
      }
      near.push(b);
    }
    if (!placed) near.push(turn);
    return restHolds(near, turn.startMs - WINDOW_MS, turn.endMs);
  }

  /**
   * The first hard rule that keeps the adviser off one more turn, or null if
   * none does: the same checks as canTake, named for the open-seat report.
   */
  blockingRule(a: AdviserSpec, turn: Turn): BlockingRule | null {
    if (!activeOn(a, turn.date)) return 'inactive';
    if (this.absent.get(a.id)?.has(turn.date)) return 'absent';
    const load = this.loads.get(a.id) as AdviserLoad;
    if (load.busy.some((b) => overlaps(b, turn))) return 'overlap';
    if ((load.weekHours.get(turn.week) ?? 0) + turn.hours > a.maxHoursPerWeek + EPS_HOURS) return 'weekly_max';
    return this.canTake(a, turn) ? null : 'rest';
  }

  /** Hours an adviser already holds in an ISO week, every service. */
  weekHours(adviserId: number, week: string): number {
    return this.loads.get(adviserId)?.weekHours.get(week) ?? 0;
  }

  /** The turns an adviser holds that start within [fromMs, toMs]: what may block them from another turn. */
  heldBetween(adviserId: number, fromMs: number, toMs: number): Turn[] {
    const load = this.loads.get(adviserId);
    if (!load) return [];
    const out: Turn[] = [];
    for (let i = load.firstFrom(fromMs); i < load.busy.length && (load.busy[i] as Busy).startMs <= toMs; i++) out.push((load.busy[i] as Busy).turn);
    return out;
  }

  normalisedLoad(a: AdviserSpec, serviceId: number): number {
    const w = this.weight.get(`${a.cityId}|${serviceId}|${a.id}`) ?? 1;
    return (this.loads.get(a.id)?.turns.get(serviceId) ?? 0) / w;
  }

  weightOf(a: AdviserSpec, serviceId: number): number {
    return this.weight.get(`${a.cityId}|${serviceId}|${a.id}`) ?? 1;
  }

  worksAround(adviserId: number, serviceId: number, date: string, prev: string, next: string): boolean {
    const days = this.loads.get(adviserId)?.days.get(serviceId);
    return days !== undefined && ((days.get(prev) ?? 0) > 0 || (days.get(next) ?? 0) > 0) && (days.get(date) ?? 0) === 0;
  }

  /** Lower is better: the next turn goes to whoever is furthest below their share of the load. */
  score(a: AdviserSpec, turn: Turn, prev: string, next: string): number {
    let s = this.normalisedLoad(a, turn.serviceId) + 1 / this.weightOf(a, turn.serviceId);
    if (this.worksAround(a.id, turn.serviceId, turn.date, prev, next)) s += CONSECUTIVE;
    if (a.undesired.has(turn.weekday)) s += UNDESIRED;
    else if (a.desired.has(turn.weekday)) s += DESIRED;
    return s;
  }

  /**
   * The advisers of a city for the open seats of a turn, best first. When the
   * turn needs a language nobody already on it speaks, one seat is reserved
   * for a speaker; if there is none, that seat stays open rather than being
   * filled by someone who cannot serve in the language.
   */
  choose(cityId: number, turn: Turn, already: readonly number[], prev: string, next: string): number[] {
    const seats = turn.headcount - already.length;
    if (seats <= 0) return [];
    const taken = new Set(already);
    const ranked = this.pool(cityId, turn.serviceId)
      .filter((a) => !taken.has(a.id) && this.canTake(a, turn))
      .map((a) => ({ a, s: this.score(a, turn, prev, next) }))
      .sort((x, y) => x.s - y.s || x.a.id - y.a.id);
    const needSpeaker = turn.language !== null && !already.some((id) => speaks(this.byId.get(id) as AdviserSpec, turn.language));
    const picks: number[] = [];
    if (needSpeaker) {
      const speaker = ranked.find((r) => speaks(r.a, turn.language));
      if (speaker) picks.push(speaker.a.id);
    }
    const limit = needSpeaker && picks.length === 0 ? seats - 1 : seats;
    for (const r of ranked) {
      if (picks.length >= limit) break;
      if (!picks.includes(r.a.id)) picks.push(r.a.id);
    }
    return picks;
  }
}
