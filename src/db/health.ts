import { openDatabase, type Db } from './connection.js';

export type DatabaseHealth = { ok: true } | { ok: false; problem: 'unreadable' | 'unwritable'; message: string };

/**
 * Reads the schema and tries a write that changes nothing, rolled back: a
 * file the process cannot write (read-only file or mount, wrong owner) fails
 * here rather than on a user's first save. Rewriting user_version with its
 * own value writes the header page but no row, so the data stamp and every
 * cache keyed on it stay as they are, and it works on an empty database too.
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
      const version = Math.trunc(Number(db.pragma('user_version', { simple: true })));
      db.pragma(`user_version = ${version}`);
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

/**
 * Opens the server's database and refuses one it cannot use, with a message
 * for the operator rather than a stack (a read-only file would otherwise
 * start, answer /healthz and fail every save).
 */
export function openUsableDatabase(path: string): Db {
  let db: Db;
  try {
    db = openDatabase(path);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if ((typeof code === 'string' && /^SQLITE_(READONLY|CANTOPEN|PERM)/.test(code)) || code === 'EACCES') {
      throw new DatabaseUnusableError(
        `The database ${path} cannot be opened for writing (${messageOf(err)}). Check the file's and its directory's owner and permissions.`,
      );
    }
    throw err;
  }
  try {
    assertDatabaseUsable(db, path);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
