import type { CitySpec, LedgerHistoryRow, ShareRow } from './types.js';

const EPS = 1e-9;

/**
 * The shares in force on a date: per city the newest row with valid_from not
 * after the date, among active cities, normalised to sum to 1 so that the
 * targets of a turn add up to its hours even if an inactive city had a share.
 */
export class ShareBook {
  private readonly rows = new Map<number, Map<number, ShareRow[]>>();
  private readonly active: ReadonlySet<number>;
  private readonly cache = new Map<string, ReadonlyMap<number, number>>();

  constructor(rows: readonly ShareRow[], cities: readonly CitySpec[]) {
    this.active = new Set(cities.filter((c) => c.active).map((c) => c.id));
    for (const row of rows) {
      let byCity = this.rows.get(row.serviceId);
      if (!byCity) this.rows.set(row.serviceId, (byCity = new Map()));
      byCity.set(row.cityId, [...(byCity.get(row.cityId) ?? []), row]);
    }
    for (const byCity of this.rows.values()) for (const list of byCity.values()) list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  }

  on(serviceId: number, date: string): ReadonlyMap<number, number> {
    const key = `${serviceId}|${date}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const raw = new Map<number, number>();
    let sum = 0;
    for (const [cityId, list] of [...(this.rows.get(serviceId) ?? new Map<number, ShareRow[]>())].sort((a, b) => a[0] - b[0])) {
      if (!this.active.has(cityId)) continue;
      let share = 0;
      for (const row of list) if (row.validFrom <= date) share = row.share;
      if (share > EPS) {
        raw.set(cityId, share);
        sum += share;
      }
    }
    const normalised = new Map<number, number>();
    for (const [cityId, share] of raw) normalised.set(cityId, share / sum);
    this.cache.set(key, normalised);
    return normalised;
  }
}

/**
 * Level 1: one service's deficit ledger in hours. target_i grows by
 * share_i · hours for every turn, actual_i by hours for the city holding it;
 * the deficit target − actual is what a city is owed.
 *
 * Which city gets the next item is Tijdeman's earliest-deadline rule for the
 * chairman assignment problem (R. Tijdeman, "The chairman assignment
 * problem", Discrete Math. 32, 1980). With k parties let θ = 1/(2k−2). After
 * adding the item's quotas, the candidates are the parties whose deficit is
 * at least θ items; each has a deadline, the time at which its deficit would
 * reach 1 − θ at its current rate; the item goes to the earliest deadline.
 * Tijdeman proves that this keeps every party's cumulative count within
 * 1 − θ of its exact quota at every prefix: a candidate always exists
 * (deficits sum to 1 after adding the quotas, so the largest is ≥ 1/k ≥ θ),
 * no deficit falls below −θ because only parties with deficit ≥ θ are served,
 * and serving deadlines in order is feasible because at most t items can have
 * deadlines within the next t steps. For k = 3 the bound is 0.75 turn, which
 * Tijdeman also shows is the best any method can guarantee. Comparing real-
 * valued deadlines only breaks ties among equal integer deadlines, which the
 * proof allows. Shares that change over time are covered by the same proof
 * (rates λ_i(t)). Items are measured in units of the item's own hours, so
 * with equal turns the ledger is exactly the counting problem.
 *
 * A city the engine then cannot staff is skipped: it keeps its deficit and,
 * having the earliest deadline, gets the next items it can staff.
 */
export class Ledger {
  readonly target = new Map<number, number>();
  readonly actual = new Map<number, number>();

  deficit(cityId: number): number {
    return (this.target.get(cityId) ?? 0) - (this.actual.get(cityId) ?? 0);
  }

  addTarget(shares: ReadonlyMap<number, number>, hours: number): void {
    for (const [cityId, share] of shares) this.target.set(cityId, (this.target.get(cityId) ?? 0) + share * hours);
  }

  credit(cityId: number, hours: number): void {
    this.actual.set(cityId, (this.actual.get(cityId) ?? 0) + hours);
  }

  /**
   * Cities in the order they should be offered an item of `hours` whose quotas
   * were just added: Tijdeman's candidates by deadline first, then the other
   * eligible cities by deficit (only reached when candidates cannot staff it).
   */
  rank(shares: ReadonlyMap<number, number>, hours: number): number[] {
    const k = shares.size;
    const theta = k >= 2 ? 1 / (2 * k - 2) : 0;
    const rows = [...shares].map(([cityId, share]) => {
      const owed = this.deficit(cityId) / hours;
      return { cityId, owed, deadline: (1 - theta - owed) / share };
    });
    const candidates = rows.filter((r) => r.owed >= theta - EPS).sort((a, b) => a.deadline - b.deadline || b.owed - a.owed || a.cityId - b.cityId);
    const rest = rows.filter((r) => r.owed < theta - EPS).sort((a, b) => b.owed - a.owed || a.cityId - b.cityId);
    return [...candidates, ...rest].map((r) => r.cityId);
  }
}

/** Ledgers per service, started from the hours published before the range. */
export function ledgersFromHistory(history: readonly LedgerHistoryRow[], book: ShareBook): Map<number, Ledger> {
  const ledgers = new Map<number, Ledger>();
  const byDay = new Map<string, LedgerHistoryRow[]>();
  for (const row of history) {
    const key = `${row.serviceId}|${row.date}`;
    byDay.set(key, [...(byDay.get(key) ?? []), row]);
  }
  const keys = [...byDay.keys()].sort();
  for (const key of keys) {
    const rows = byDay.get(key) ?? [];
    const first = rows[0];
    if (!first) continue;
    const ledger = ledgerOf(ledgers, first.serviceId);
    ledger.addTarget(
      book.on(first.serviceId, first.date),
      rows.reduce((s, r) => s + r.hours, 0),
    );
    for (const r of rows) ledger.credit(r.cityId, r.hours);
  }
  return ledgers;
}

export function ledgerOf(ledgers: Map<number, Ledger>, serviceId: number): Ledger {
  let ledger = ledgers.get(serviceId);
  if (!ledger) ledgers.set(serviceId, (ledger = new Ledger()));
  return ledger;
}
