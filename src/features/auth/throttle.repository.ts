import type { Db } from '../../db/connection.js';

export type ThrottleScope = 'pair' | 'user' | 'address';
export interface ThrottleRow {
  scope: ThrottleScope;
  key: string;
  window_start: number;
  attempts: number;
}

export function createLoginThrottleRepository(db: Db) {
  const get = db.prepare<[ThrottleScope, string], ThrottleRow>('SELECT * FROM login_throttle WHERE scope = ? AND key = ?');
  // A window older than its length starts again at this attempt.
  const count = db.prepare<[ThrottleScope, string, number, number, number]>(
    `INSERT INTO login_throttle (scope, key, window_start, attempts) VALUES (?, ?, ?, 1)
     ON CONFLICT (scope, key) DO UPDATE SET
       attempts = CASE WHEN excluded.window_start - window_start >= ? THEN 1 ELSE attempts + 1 END,
       window_start = CASE WHEN excluded.window_start - window_start >= ? THEN excluded.window_start ELSE window_start END`,
  );
  const uncount = db.prepare<[ThrottleScope, string]>('UPDATE login_throttle SET attempts = max(attempts - 1, 0) WHERE scope = ? AND key = ?');
  const clear = db.prepare<[ThrottleScope, string]>('DELETE FROM login_throttle WHERE scope = ? AND key = ?');
  const known = db.prepare<[string, string, number], { n: number }>(
    'SELECT count(*) AS n FROM login_known_addresses WHERE username = ? AND address = ? AND last_success_at >= ?',
  );
  const remember = db.prepare<[string, string, number]>(
    `INSERT INTO login_known_addresses (username, address, last_success_at) VALUES (?, ?, ?)
     ON CONFLICT (username, address) DO UPDATE SET last_success_at = excluded.last_success_at`,
  );
  const purgeWindows = db.prepare<[number]>('DELETE FROM login_throttle WHERE window_start < ?');
  const purgeKnown = db.prepare<[number]>('DELETE FROM login_known_addresses WHERE last_success_at < ?');
  return {
    get: (scope: ThrottleScope, key: string) => get.get(scope, key),
    count: (scope: ThrottleScope, key: string, now: number, windowMs: number) => count.run(scope, key, now, windowMs, windowMs),
    uncount: (scope: ThrottleScope, key: string) => uncount.run(scope, key),
    clear: (scope: ThrottleScope, key: string) => clear.run(scope, key),
    isKnown: (username: string, address: string, since: number) => (known.get(username, address, since)?.n ?? 0) > 0,
    remember: (username: string, address: string, at: number) => remember.run(username, address, at),
    purge: (windowsBefore: number, knownBefore: number) => purgeWindows.run(windowsBefore).changes + purgeKnown.run(knownBefore).changes,
  };
}
export type LoginThrottleRepository = ReturnType<typeof createLoginThrottleRepository>;
