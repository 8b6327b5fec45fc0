import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Db } from './connection.js';

// Backups are plain SQLite files named by the UTC time they were taken, so
// `ls` sorts them and pruning keeps the newest by name alone.
const PREFIX = 'vuoro-';
const TIMED = /^vuoro-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.db$/;

export function backupName(now: Date, kind: 'daily' | 'pre-migrate' = 'daily'): string {
  const stamp = now.toISOString().replace(/:/g, '-');
  return kind === 'daily' ? `${PREFIX}${stamp}.db` : `${PREFIX}pre-migrate-${stamp}.db`;
}

export class BackupError extends Error {}

export interface BackupCheck {
  ok: boolean;
  problem?: string;
}

/**
 * A backup is usable when SQLite's integrity_check says ok and it is a vuoro
 * database (it has the migration history or a user_version).
 */
export function verifyBackup(file: string): BackupCheck {
  if (!existsSync(file)) return { ok: false, problem: `${file} does not exist` };
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check') as { integrity_check: string }[];
    if (result.length !== 1 || result[0]?.integrity_check !== 'ok') {
      return {
        ok: false,
        problem: `integrity_check: ${result
          .map((r) => r.integrity_check)
          .slice(0, 5)
          .join('; ')}`,
      };
    }
    const history = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() as { n: number };
    if (history.n === 0 && Number(db.pragma('user_version', { simple: true })) === 0)
      return { ok: false, problem: 'not a vuoro database (no migrations applied)' };
    return { ok: true };
  } catch (err) {
    return { ok: false, problem: err instanceof Error ? err.message : String(err) };
  } finally {
    db?.close();
  }
}

/**
 * An online backup through SQLite's backup API (db.backup copies page by page
 * while others keep writing), first into a ".partial" file that is switched to
 * rollback-journal mode (one self-contained file), verified, and only then
 * renamed into place: a file with the final name is always a checked copy.
 */
export async function takeBackup(db: Db, dir: string, now: Date, kind: 'daily' | 'pre-migrate' = 'daily', file?: string): Promise<string> {
  const target = resolve(file ?? join(dir, backupName(now, kind)));
  mkdirSync(dirname(target), { recursive: true });
  if (existsSync(target)) throw new BackupError(`${target} already exists`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const check = verifyBackup(partial);
    if (!check.ok) throw new BackupError(`the backup failed its check: ${check.problem ?? ''}`);
    renameSync(partial, target);
    return target;
  } finally {
    rmSync(partial, { force: true });
  }
}

/** The timed backups in dir, oldest first (pre-migration copies are not counted or pruned). */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => TIMED.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Deletes all but the newest `keep` timed backups; returns the files removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const all = listBackups(dir);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const f of old) rmSync(f, { force: true });
  return old;
}

/** When the newest timed backup in dir was taken, from its name; undefined when there is none. */
export function lastBackupAt(dir: string): Date | undefined {
  const newest = listBackups(dir).at(-1);
  if (!newest) return undefined;
  const iso = basename(newest)
    .slice(PREFIX.length, -'.db'.length)
    .replace(/T(\d{2})-(\d{2})-(\d{2})/, 'T$1:$2:$3');
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? new Date(statSync(newest).mtimeMs) : at;
}

export class InUseError extends Error {}

/**
 * Proves that no other process has the database open by taking SQLite's
 * exclusive lock without waiting. A running server keeps its connection open,
 * and in WAL mode every open connection holds a shared lock on the WAL index,
 * so the attempt fails with SQLITE_BUSY. The lock is the operating system's
 * (fcntl): unlike a pid file it cannot go stale after kill -9, and it also
 * catches a CLI command or Litestream holding the file. While the lock is
 * held the WAL is checkpointed into the main file, so the file alone is whole.
 */
function lockAndCheckpoint(path: string, whileLocked: () => void): void {
  const db = new Database(path, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN EXCLUSIVE');
      db.exec('COMMIT');
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new InUseError(`${path} is in use by another process (is the server running?)`);
      throw err;
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    whileLocked();
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `target` with a verified backup. Refuses while any
 * other process has the target open. The old database is kept beside it as
 * "<target>.before-restore-<time>", and the backup is copied to a temporary
 * file in the same directory, verified again there, then renamed over the
 * target: rename is atomic, so the target is always one whole database.
 */
export function restoreBackup(file: string, target: string, now: Date): { previous: string | undefined } {
  const source = resolve(file);
  const dest = resolve(target);
  if (source === dest) throw new BackupError('the backup and the database are the same file');
  const check = verifyBackup(source);
  if (!check.ok) throw new BackupError(`${source} is not a usable backup: ${check.problem ?? ''}`);
  mkdirSync(dirname(dest), { recursive: true });
  const staged = `${dest}.restoring`;
  copyFileSync(source, staged);
  try {
    const again = verifyBackup(staged);
    if (!again.ok) throw new BackupError(`the copy of ${source} failed its check: ${again.problem ?? ''}`);
    let previous: string | undefined;
    if (existsSync(dest)) {
      previous = `${dest}.before-restore-${now.toISOString().replace(/:/g, '-')}`;
      const keep = previous;
      lockAndCheckpoint(dest, () => copyFileSync(dest, keep));
    }
    // After the checkpoint the WAL holds nothing; a stale one must not be
    // replayed onto the restored file.
    rmSync(`${dest}-wal`, { force: true });
    rmSync(`${dest}-shm`, { force: true });
    renameSync(staged, dest);
    return { previous };
  } finally {
    rmSync(staged, { force: true });
  }
}
