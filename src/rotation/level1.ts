/**
 * Level 1, exactly: which city holds each rotation unit (a turn, a day or a
 * week) of one service so that the largest absolute deviation, over every
 * prefix of the range and every city, of the city's ledger (carried deviation
 * + hours held − quota hours) is as small as possible.
 *
 * Method: the bound B is feasible iff some sequence keeps every ledger in
 * [−B, B] after every unit. Feasibility is monotone in B, so B is found by
 * binary search; each test is a dynamic programme over the reachable ledger
 * states. After u units every sequence has the same quota vector, so a state
 * is the vector of hours held per city, and two sequences reaching the same
 * vector are interchangeable for the future (the problem has optimal
 * substructure). Pruning states outside [−B, B] keeps the layers small: with
 * k cities at most (2B / g + 1)^(k−1) states per layer, g the granularity of
 * the hours. This is the exact method for the (weighted, time-varying)
 * chairman assignment problem; Tijdeman (1980) gives the 1 − 1/(2k−2) bound
 * that the optimum can only improve on.
 *
 * The search starts from a feasible upper bound (a most-owed-first greedy
 * sequence) and stops when the gap is below 1e-5 hours; the sequence returned
 * is feasible for the upper end, so its bound is within 1e-5 h of the optimum.
 * If a layer would exceed MAX_STATES (very large carried debts or many
 * cities) the search stops with the best sequence found and `exact: false`.
 */

export interface Level1Item {
  hours: number;
  /** Quota hours per city: Σ share(date of turn) × turn hours. */
  quotas: ReadonlyMap<number, number>;
  /** Cities that may hold the unit, or empty: nobody holds it (nobody could staff it). */
  eligible: number[];
  /** Hours already held per city (published or pinned): the only move for this unit. */
  fixed?: ReadonlyMap<number, number> | undefined;
}

export interface Level1Plan {
  /** Per unit: the city that holds it (null: nobody, or fixed). */
  holders: Array<number | null>;
  /** The largest |deviation| in hours over every prefix and city, of the sequence returned. */
  boundHours: number;
  /** Whether the bound is proven optimal (to 1e-5 h). */
  exact: boolean;
  /** The greedy sequence's bound: what the search started from. */
  greedyHours: number;
}

const EPS = 1e-7;
const GAP = 1e-5;
export const MAX_STATES = 5_000;
/** Across all layers of one test: bounds time and memory whatever the range's length. */
export const MAX_TOTAL_STATES = 200_000;

interface Prepared {
  k: number;
  ids: number[];
  /** Per unit: the moves, each a credit vector and the city it names (−1: none/fixed). */
  moves: Array<Array<{ city: number; credit: Float64Array }>>;
  /** base[u][i]: carried − cumulative quota of city i after u units. */
  base: Float64Array[];
}

function prepare(items: readonly Level1Item[], carried: ReadonlyMap<number, number>): Prepared {
  const set = new Set<number>(carried.keys());
  for (const it of items) {
    for (const id of it.quotas.keys()) set.add(id);
    for (const id of it.eligible) set.add(id);
    for (const id of it.fixed?.keys() ?? []) set.add(id);
  }
  const ids = [...set].sort((a, b) => a - b);
  const k = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const base: Float64Array[] = [];
  let cur = new Float64Array(k);
  for (const [id, c] of carried) cur[index.get(id) as number] = c;
  base.push(cur);
  const moves: Prepared['moves'] = [];
  for (const it of items) {
    cur = Float64Array.from(cur);
    for (const [id, q] of it.quotas) {
      const i = index.get(id) as number;
      cur[i] = (cur[i] as number) - q;
    }
    base.push(cur);
    if (it.fixed) {
      const credit = new Float64Array(k);
      for (const [id, h] of it.fixed) {
        const i = index.get(id) as number;
        credit[i] = (credit[i] as number) + h;
      }
      moves.push([{ city: -1, credit }]);
    } else if (it.eligible.length === 0) {
      moves.push([{ city: -1, credit: new Float64Array(k) }]);
    } else {
      moves.push(
        [...new Set(it.eligible)]
          .sort((a, b) => a - b)
          .map((id) => {
            const credit = new Float64Array(k);
            credit[index.get(id) as number] = it.hours;
            return { city: id, credit };
          }),
      );
    }
  }
  return { k, ids, moves, base };
}

/** Most owed first (after the unit's quota), then the lower city id: a feasible start and the fallback. */
function greedy(p: Prepared): { choice: number[]; bound: number } {
  const held = new Float64Array(p.k);
  const choice: number[] = [];
  let bound = 0;
  for (let u = 0; u < p.moves.length; u++) {
    const moves = p.moves[u] as Prepared['moves'][number];
    const base = p.base[u + 1] as Float64Array;
    let best = 0;
    let bestOwed = -Infinity;
    for (let m = 0; m < moves.length; m++) {
      const c = (moves[m] as { city: number }).city;
      if (c < 0) break;
      const i = p.ids.indexOf(c);
      const owed = -(held[i] as number) - (base[i] as number);
      if (owed > bestOwed + EPS) {
        bestOwed = owed;
        best = m;
      }
    }
    choice.push(best);
    const credit = (moves[best] as { credit: Float64Array }).credit;
    for (let i = 0; i < p.k; i++) {
      held[i] = (held[i] as number) + (credit[i] as number);
      bound = Math.max(bound, Math.abs((held[i] as number) + (base[i] as number)));
    }
  }
  return { choice, bound };
}

/**
 * A state's key: every state of a layer has the same total, so the first
 * k − 1 coordinates (in 1/1000 h) identify it; packed into one number when it
 * fits exactly in a double, else a string.
 */
function keyer(p: Prepared): (v: Float64Array) => number | string {
  const total = p.moves.reduce((s, m) => s + Math.max(0, ...m.map((x) => x.credit.reduce((a, b) => a + b, 0))), 0);
  const radix = Math.ceil(total * 1000) + 1;
  if (Math.pow(radix, Math.max(1, p.k - 1)) < Number.MAX_SAFE_INTEGER) {
    return (v) => {
      let key = 0;
      for (let i = p.k - 2; i >= 0; i--) key = key * radix + Math.round((v[i] as number) * 1000);
      return key;
    };
  }
  return (v) => Array.from(v, (x) => Math.round(x * 1000)).join(',');
}

interface Layers {
  states: Float64Array[][];
  next: Int32Array[][];
}

/**
 * The forward programme for bound B: 'ok' with the layers (states and, per
 * state and move, the index of the next state or −1), 'no' if some layer is
 * empty, 'big' if a layer would exceed MAX_STATES.
 */
function reach(p: Prepared, B: number, keyOf: (v: Float64Array) => number | string): { status: 'ok'; layers: Layers } | { status: 'no' | 'big' } {
  const states: Float64Array[][] = [[new Float64Array(p.k)]];
  const next: Int32Array[][] = [];
  const limit = B + EPS;
  let total = 0;
  const v = new Float64Array(p.k);
  for (let u = 0; u < p.moves.length; u++) {
    const moves = p.moves[u] as Prepared['moves'][number];
    const base = p.base[u + 1] as Float64Array;
    const layer: Float64Array[] = [];
    const seen = new Map<number | string, number>();
    const links: Int32Array[] = [];
    for (const s of states[u] as Float64Array[]) {
      const link = new Int32Array(moves.length).fill(-1);
      for (let m = 0; m < moves.length; m++) {
        const credit = (moves[m] as { credit: Float64Array }).credit;
        let ok = true;
        for (let i = 0; i < p.k; i++) {
          const x = (s[i] as number) + (credit[i] as number);
          v[i] = x;
          const d = x + (base[i] as number);
          if (d > limit || d < -limit) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        const key = keyOf(v);
        let at = seen.get(key);
        if (at === undefined) {
          at = layer.length;
          seen.set(key, at);
          layer.push(Float64Array.from(v));
          if (layer.length > MAX_STATES) return { status: 'big' };
        }
        link[m] = at;
      }
      links.push(link);
    }
    if (layer.length === 0) return { status: 'no' };
    total += layer.length;
    if (total > MAX_TOTAL_STATES) return { status: 'big' };
    states.push(layer);
    next.push(links);
  }
  return { status: 'ok', layers: { states, next } };
}

/**
 * Among the sequences of the layers, the one that at every unit gives it to
 * the most owed city (ties: not the previous holder, then the lower id) whose
 * choice still completes within the bound: spreads each city's turns and
 * pays carried debts back first.
 */
function pick(p: Prepared, layers: Layers): number[] {
  const n = p.moves.length;
  const alive: Uint8Array[] = [];
  alive[n] = new Uint8Array((layers.states[n] as Float64Array[]).length).fill(1);
  for (let u = n - 1; u >= 0; u--) {
    const links = layers.next[u] as Int32Array[];
    const a = new Uint8Array(links.length);
    const later = alive[u + 1] as Uint8Array;
    for (let s = 0; s < links.length; s++) for (const j of links[s] as Int32Array) if (j >= 0 && later[j]) a[s] = 1;
    alive[u] = a;
  }
  const choice: number[] = [];
  let s = 0;
  let prev = -1;
  for (let u = 0; u < n; u++) {
    const state = (layers.states[u] as Float64Array[])[s] as Float64Array;
    const base = p.base[u + 1] as Float64Array;
    const link = (layers.next[u] as Int32Array[])[s] as Int32Array;
    const moves = p.moves[u] as Prepared['moves'][number];
    let best = -1;
    let bestKey: [number, number, number] = [Infinity, Infinity, Infinity];
    for (let m = 0; m < moves.length; m++) {
      const j = link[m] as number;
      if (j < 0 || !(alive[u + 1] as Uint8Array)[j]) continue;
      const city = (moves[m] as { city: number }).city;
      const i = p.ids.indexOf(city);
      const owed = i < 0 ? 0 : Math.round((-(state[i] as number) - (base[i] as number)) * 1e6);
      const key: [number, number, number] = [-owed, city === prev ? 1 : 0, city];
      if (key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
        best = m;
        bestKey = key;
      }
    }
    choice.push(best);
    if ((moves[best] as { city: number }).city >= 0) prev = (moves[best] as { city: number }).city;
    s = link[best] as number;
  }
  return choice;
}

function boundOf(p: Prepared, choice: readonly number[]): number {
  const held = new Float64Array(p.k);
  let bound = 0;
  choice.forEach((m, u) => {
    const credit = ((p.moves[u] as Prepared['moves'][number])[m] as { credit: Float64Array }).credit;
    const base = p.base[u + 1] as Float64Array;
    for (let i = 0; i < p.k; i++) {
      held[i] = (held[i] as number) + (credit[i] as number);
      bound = Math.max(bound, Math.abs((held[i] as number) + (base[i] as number)));
    }
  });
  return bound;
}

/** The optimal sequence of holders for one service's units, from the carried ledger (actual − target per city). */
export function planLevel1(items: readonly Level1Item[], carried: ReadonlyMap<number, number>): Level1Plan {
  const p = prepare(items, carried);
  const start = greedy(p);
  const toPlan = (choice: readonly number[], exact: boolean): Level1Plan => ({
    holders: choice.map((m, u) => {
      const c = ((p.moves[u] as Prepared['moves'][number])[m] as { city: number }).city;
      return c < 0 ? null : c;
    }),
    boundHours: boundOf(p, choice),
    exact,
    greedyHours: start.bound,
  });
  if (items.length === 0) return toPlan([], true);
  let lo = 0;
  let hi = start.bound;
  let exact = true;
  let best: Layers | null = null;
  // B = 0 is tested first: it is often feasible for a single city, and it closes the search at once.
  const keyOf = keyer(p);
  const zero = reach(p, 0, keyOf);
  if (zero.status === 'ok') return toPlan(pick(p, zero.layers), true);
  if (zero.status === 'big') exact = false;
  // The greedy start is often optimal already: one test just below it settles that at once.
  if (exact && hi > GAP) {
    const below = reach(p, hi - GAP, keyOf);
    if (below.status === 'no') lo = hi - GAP;
    else if (below.status === 'big') exact = false;
    else if (below.status === 'ok') {
      best = below.layers;
      hi = Math.min(hi - GAP, boundOf(p, pick(p, below.layers)));
    }
  }
  while (exact && hi - lo > GAP) {
    const mid = (lo + hi) / 2;
    const r = reach(p, mid, keyOf);
    if (r.status === 'ok') {
      best = r.layers;
      // The sequence picked from these layers may already be well inside mid: jump there.
      hi = Math.min(mid, boundOf(p, pick(p, best)));
    } else if (r.status === 'no') {
      lo = mid;
    } else {
      exact = false;
    }
  }
  if (!best) {
    const r = reach(p, hi, keyOf);
    if (r.status !== 'ok') return toPlan(start.choice, false);
    best = r.layers;
  }
  const chosen = pick(p, best);
  const plan = toPlan(chosen, exact);
  // Never worse than the greedy start (the picked sequence is within hi ≤ greedy, this only guards rounding).
  return plan.boundHours <= start.bound + EPS ? plan : toPlan(start.choice, exact);
}
