import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './connection.js';
import { migrationsDir } from '../paths.js';

export interface Migration { version: number; name: string; sql: string }

export function loadMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 3)), name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * Applies every migration newer than PRAGMA user_version, each in its own
 * IMMEDIATE transaction together with the user_version bump, so a crash
 * leaves the database at a whole migration. Returns the names applied.
 */
export function migrate(db: Db, migrations = loadMigrations()): string[] {
  const applied: string[] = [];
  for (const m of migrations) {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      // user_version cannot be bound as a parameter; m.version is a parsed integer.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }).immediate();
    applied.push(m.name);
  }
  const problems = db.pragma('foreign_key_check') as unknown[];
  if (problems.length > 0) throw new Error(`foreign_key_check failed after migration: ${JSON.stringify(problems)}`);
  return applied;
}
