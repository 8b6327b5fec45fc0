import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

/**
 * Opens the database and sets the pragmas vuoro relies on, then reads them
 * back: a pragma that silently did not apply (e.g. WAL on :memory:) must not
 * go unnoticed for a file database.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // FULL: a publish that returned must survive a power cut.
  db.pragma('synchronous = FULL');
  assertPragmas(db, path === ':memory:');
  return db;
}

export function assertPragmas(db: Db, inMemory: boolean): void {
  const journal = db.pragma('journal_mode', { simple: true });
  if (!inMemory && journal !== 'wal') throw new Error(`journal_mode is ${String(journal)}, expected wal`);
  if (db.pragma('foreign_keys', { simple: true }) !== 1) throw new Error('foreign_keys is off');
  const busy = Number(db.pragma('busy_timeout', { simple: true }));
  if (!(busy >= 5000)) throw new Error(`busy_timeout is ${busy}, expected >= 5000`);
  if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('synchronous is not FULL');
}
