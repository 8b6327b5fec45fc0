import type { Db } from './connection.js';

export type DatabaseHealth = { ok: true } | { ok: false; problem: 'unreadable' | 'unwritable'; message: string };

/**
 * Reads a row and tries a write that changes nothing, rolled back: a file
 * the process cannot write (read-only file or mount, wrong owner) fails
 * here rather than on a user's first save. The empty DELETE changes no row,
 * so the data stamp and every cache keyed on it stay as they are.
 */
export function checkDatabase(db: Db): DatabaseHealth {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    return { ok: false, problem: 'unreadable', message: messageOf(err) };
  }
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec('DELETE FROM settings WHERE 0');
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
    }
  } catch (err) {
    return { ok: false, problem: 'unwritable', message: messageOf(err) };
  }
  return { ok: true };
}

/** For start-up: an unusable database stops the server with a message naming the file. */
export function assertDatabaseUsable(db: Db, path: string): void {
  const health = checkDatabase(db);
  if (health.ok) return;
  const what = health.problem === 'unwritable' ? 'cannot be written' : 'cannot be read';
  throw new DatabaseUnusableError(
    `The database ${path} ${what} (${health.message}). Check the file's and its directory's owner and permissions ` +
      '(the -wal and -shm files beside it too) and that the disk is not mounted read-only.',
  );
}

export class DatabaseUnusableError extends Error {}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
