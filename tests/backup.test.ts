import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { startProcess } from '../bench/server-process.js';
import { openDatabase, type Db } from '../src/db/connection.js';
import { InUseError, lastBackupAt, listBackups, pruneBackups, restoreBackup, takeBackup } from '../src/db/backup.js';
import { migrate } from '../src/db/migrate.js';
import { scheduleBackups } from '../src/ops/backup-schedule.js';
import { projectRoot } from '../src/paths.js';
import { makeAbsence, makeAdviser, makeRegion } from './helpers/factories.js';

function cli(env: Record<string, string>, ...args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'C', ...env },
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vuoro-backup-'));
}

/** A migrated file database with a region, an adviser and an absence. */
function liveDb(dir: string): string {
  const path = join(dir, 'vuoro.db');
  const db = openDatabase(path);
  migrate(db);
  const region = makeRegion(db);
  const a = makeAdviser(db, region.cities.helsinki, { skills: [region.services.phone], languages: ['fi'] });
  makeAbsence(db, a, '2027-01-01', '2027-01-05');
  db.close();
  return path;
}

function counts(path: string): Record<string, number> {
  const db = openDatabase(path);
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

function integrity(path: string): unknown {
  const db = openDatabase(path);
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
}

describe('backup and restore', () => {
  it("when backing up with --to and restoring after a loss, then the counts are the backup's and integrity is ok", () => {
    const dir = tempDir();
    const path = liveDb(dir);
    const backupDir = join(dir, 'backups');
    const backup = cli({ DATABASE_PATH: path }, 'backup', '--to', backupDir);
    // Counted after the CLI ran: opening the database stores the session secret in settings.
    const before = counts(path);
    expect(backup.code).toBe(0);
    const file = backup.stdout.trim();
    expect(basename(file)).toMatch(/^vuoro-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.db$/);
    expect(backup.stderr).toContain('integrity_check ok');

    // The loss: the absences are deleted after the backup.
    const db = openDatabase(path);
    db.prepare('DELETE FROM absences').run();
    db.close();
    expect(counts(path).absences).toBe(0);

    const restore = cli({ DATABASE_PATH: path }, 'restore', file);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(counts(path)).toEqual(before);
    expect(before.absences).toBe(1);
    expect(integrity(path)).toBe('ok');
    // The replaced database is kept, with the loss in it.
    const kept = readdirSync(dir).find((f) => f.startsWith('vuoro.db.before-restore-'));
    expect(kept).toBeDefined();
    expect(counts(join(dir, kept as string)).absences).toBe(0);
  }, 90_000);

  it('when the file to restore is not a sound database, then nothing is restored', () => {
    const dir = tempDir();
    const path = liveDb(dir);
    const before = counts(path);
    const bogus = join(dir, 'bogus.db');
    writeFileSync(bogus, 'SQLite format 3\0 but not really a database'.padEnd(4096, 'x'));
    const res = cli({ DATABASE_PATH: path }, 'restore', bogus);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Nothing was restored');
    expect(counts(path)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes('restor'))).toEqual([]);
  }, 90_000);

  it('when the server runs on the database, then restore refuses and leaves it alone; once it stops, restore works', async () => {
    const dir = tempDir();
    const path = liveDb(dir);
    const file = join(dir, 'copy.db');
    expect(cli({ DATABASE_PATH: path }, 'backup', file).code).toBe(0);
    const server = await startProcess('src/server.ts', {
      DATABASE_PATH: path,
      SEED_DEMO: 'false',
      ADMIN_PASSWORD: 'a long enough password',
      LOG_LEVEL: 'warn',
    });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const refused = cli({ DATABASE_PATH: path }, 'restore', file);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('in use by another process');
      expect(refused.stderr).toContain('Stop the server');
      expect(readdirSync(dir).filter((f) => f.includes('restor'))).toEqual([]);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    expect(cli({ DATABASE_PATH: path }, 'restore', file).code).toBe(0);
    expect(integrity(path)).toBe('ok');
  }, 90_000);

  it('when restoring onto a machine with no database yet, then the backup becomes the database; while this process holds it open, restore refuses', async () => {
    const dir = tempDir();
    const path = liveDb(dir);
    const db = openDatabase(path);
    const file = await takeBackup(db, join(dir, 'b'), new Date());
    expect(() => restoreBackup(file, path, new Date())).toThrow(InUseError);
    db.close();
    const fresh = join(dir, 'new-host', 'vuoro.db');
    expect(restoreBackup(file, fresh, new Date())).toEqual({ previous: undefined });
    expect(integrity(fresh)).toBe('ok');
    expect(counts(fresh).advisers).toBe(1);
    expect(() => restoreBackup(file, file, new Date())).toThrow(/same file/);
  });

  it('when more backups exist than BACKUP_KEEP, then only the newest are kept', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'vuoro.db'));
    migrate(db);
    const backups = join(dir, 'backups');
    const start = Date.parse('2026-12-01T00:30:00Z');
    for (let day = 0; day < 5; day++) await takeBackup(db, backups, new Date(start + day * 86_400_000));
    await takeBackup(db, backups, new Date(start), 'pre-migrate');
    expect(pruneBackups(backups, 2).map((f) => basename(f))).toEqual([
      'vuoro-2026-12-01T00-30-00.000Z.db',
      'vuoro-2026-12-02T00-30-00.000Z.db',
      'vuoro-2026-12-03T00-30-00.000Z.db',
    ]);
    expect(listBackups(backups).map((f) => basename(f))).toEqual(['vuoro-2026-12-04T00-30-00.000Z.db', 'vuoro-2026-12-05T00-30-00.000Z.db']);
    // Copies taken before a migration are not the daily series: never pruned.
    expect(existsSync(join(backups, 'vuoro-pre-migrate-2026-12-01T00-30-00.000Z.db'))).toBe(true);
    expect(lastBackupAt(backups)?.toISOString()).toBe('2026-12-05T00:30:00.000Z');
    db.close();
  });

  it('when the CLI backs up into a directory with BACKUP_KEEP=2 three times, then two remain', () => {
    const dir = tempDir();
    const path = liveDb(dir);
    const backups = join(dir, 'b');
    for (let i = 0; i < 3; i++) expect(cli({ DATABASE_PATH: path, BACKUP_DIR: backups, BACKUP_KEEP: '2' }, 'backup').code).toBe(0);
    expect(listBackups(backups)).toHaveLength(2);
    expect(cli({ DATABASE_PATH: path }, 'backup').code).toBe(2);
  }, 90_000);

  it('when BACKUP_DIR is set, then the server schedules a daily verified backup at BACKUP_AT Helsinki time', async () => {
    const dir = tempDir();
    const db: Db = openDatabase(join(dir, 'vuoro.db'));
    migrate(db);
    const backups = join(dir, 'daily');
    const job = scheduleBackups(db, { backupDir: backups, backupKeep: 3, backupAt: '02:30' }, { info: () => {}, error: (m, e) => console.error(m, e) });
    try {
      const next = DateTime.fromJSDate(job?.nextRun() as Date).setZone('Europe/Helsinki');
      expect([next.hour, next.minute]).toEqual([2, 30]);
      await job?.trigger();
      expect(listBackups(backups)).toHaveLength(1);
      expect(integrity(listBackups(backups)[0] as string)).toBe('ok');
    } finally {
      job?.stop();
      db.close();
    }
    expect(scheduleBackups(db, { backupDir: undefined, backupKeep: 3, backupAt: '02:30' }, { info: () => {}, error: () => {} })).toBeUndefined();
    // A path under a regular file can never become a directory.
    const blocked = join(dir, 'vuoro.db', 'backups');
    expect(() => scheduleBackups(db, { backupDir: blocked, backupKeep: 3, backupAt: '02:30' }, { info: () => {}, error: () => {} })).toThrow(
      /BACKUP_DIR .* cannot be written/,
    );
  });
});
