import type { Db } from './connection.js';

/**
 * A cheap "has anything been written?" stamp for caches. total_changes()
 * counts this connection's writes; PRAGMA data_version moves when another
 * connection (another process) commits. Any write changes the stamp, so a
 * cache keyed on it can never serve data older than the database.
 */
export function createDataStamp(db: Db): () => string {
  const both = db.prepare<[], StampColumns>(`SELECT ${STAMP_COLUMNS}`);
  return () => {
    const row = both.get();
    return row ? stampOf(row) : '';
  };
}

/** The stamp as extra result columns, so a query a request makes anyway can carry it. */
export const STAMP_COLUMNS = 'total_changes() AS stamp_changes, (SELECT data_version FROM pragma_data_version()) AS stamp_version';
export interface StampColumns {
  stamp_changes: number;
  stamp_version: number;
}
export const stampOf = (row: StampColumns): string => `${row.stamp_changes}.${row.stamp_version}`;

/** A small map that forgets its oldest entries; enough for per-stamp caches. */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    if (this.map.size >= this.max) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
    this.map.set(key, value);
  }
}
