import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './connection.js';
import { migrationsDir } from '../paths.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** A database this code must not run on; `file` names the migration at fault. */
export class MigrationError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * sha256 of the file's text. Line endings are normalised first, so a checkout
 * with CRLF (git autocrlf on Windows) is not mistaken for an edited migration.
 */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export function loadMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { version: Number(name.slice(0, 3)), name, sql, checksum: checksumOf(sql) };
    });
}

interface AppliedRow {
  name: string;
  version: number;
  checksum: string;
}

// The applied history is data (GoAlert's idea): which files ran, and what they
// said when they ran. PRAGMA user_version alone cannot tell that 005 was
// skipped by a database already at 010. The table is created here rather than
// by a numbered migration, because it must exist before any file is judged.
const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  adopted INTEGER NOT NULL DEFAULT 0
) STRICT`;

/**
 * Databases from before the history table: every file numbered at or below
 * their user_version is recorded once as applied, with today's checksum.
 */
function adoptUserVersion(db: Db, migrations: readonly Migration[], now: string): void {
  const count = (db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n;
  const userVersion = Number(db.pragma('user_version', { simple: true }));
  if (count > 0 || userVersion === 0) return;
  const insert = db.prepare('INSERT INTO schema_migrations (name, version, checksum, applied_at, adopted) VALUES (?, ?, ?, ?, 1)');
  for (const m of migrations) if (m.version <= userVersion) insert.run(m.name, m.version, m.checksum, now);
}

/**
 * Creates the history (adopting user_version once), then judges the files
 * against it. Throws MigrationError naming the file when the database has a
 * migration this code lacks, an applied file was edited, or a pending file is
 * numbered below one already applied (it would run out of order). Returns the
 * pending migrations, in order.
 */
export function pendingMigrations(db: Db, migrations: readonly Migration[] = loadMigrations(), now = new Date()): Migration[] {
  // Written only when there is something to write: an up-to-date database
  // opened read-only gets as far as the clearer check of the caller.
  const hasHistory = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  const historyEmpty = !hasHistory || db.prepare('SELECT 1 FROM schema_migrations LIMIT 1').get() === undefined;
  if (!hasHistory || historyEmpty) {
    db.transaction(() => {
      db.exec(HISTORY_TABLE);
      adoptUserVersion(db, migrations, now.toISOString());
    }).immediate();
  }
  const versions = new Map<number, string>();
  for (const m of migrations) {
    const other = versions.get(m.version);
    if (other) throw new MigrationError(m.name, `Migrations ${other} and ${m.name} share the number ${m.version}; renumber one of them.`);
    versions.set(m.version, m.name);
  }
  const applied = db.prepare('SELECT name, version, checksum FROM schema_migrations ORDER BY version, name').all() as AppliedRow[];
  const files = new Map(migrations.map((m) => [m.name, m]));
  for (const row of applied) {
    const file = files.get(row.name);
    if (!file) {
      throw new MigrationError(
        row.name,
        `The database has migration ${row.name} applied, but this version of vuoro does not have that file. ` +
          'It was probably written by a newer version: run that version, or restore a backup taken before it.',
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        row.name,
        `Migration ${row.name} was changed after it was applied to this database ` +
          `(checksum ${file.checksum.slice(0, 12)}…, applied ${row.checksum.slice(0, 12)}…). Restore the file as it was and put the change in a new migration.`,
      );
    }
  }
  const done = new Set(applied.map((r) => r.name));
  const highest = applied.at(-1);
  const pending = migrations.filter((m) => !done.has(m.name));
  const early = highest && pending.find((m) => m.version < highest.version);
  if (early && highest) {
    throw new MigrationError(
      early.name,
      `Migration ${early.name} is pending but numbered below ${highest.name}, which is already applied; ` +
        `it would run out of order. Renumber it above ${String(highest.version).padStart(3, '0')}.`,
    );
  }
  return pending;
}

/**
 * Applies each migration in its own IMMEDIATE transaction together with its
 * history row and the user_version bump (kept for older tools), so a crash
 * leaves the database at a whole migration. Returns the names applied.
 */
export function applyMigrations(db: Db, pending: readonly Migration[], now = new Date()): string[] {
  const record = db.prepare('INSERT INTO schema_migrations (name, version, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.name, m.version, m.checksum, now.toISOString());
      // user_version cannot be bound as a parameter; m.version is a parsed integer.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }).immediate();
  }
  const problems = db.pragma('foreign_key_check') as unknown[];
  if (problems.length > 0) throw new Error(`foreign_key_check failed after migration: ${JSON.stringify(problems)}`);
  return pending.map((m) => m.name);
}

/** Judges and applies, without a backup: for tests and in-memory databases. */
export function migrate(db: Db, migrations: readonly Migration[] = loadMigrations()): string[] {
  return applyMigrations(db, pendingMigrations(db, migrations));
}

/** True when the database holds anything besides the migration history: worth a backup before changing it. */
export function hasData(db: Db): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'").get() as {
    n: number;
  };
  return row.n > 0;
}
