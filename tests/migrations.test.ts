import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/connection.js';
import { checksumOf, loadMigrations, migrate, MigrationError, pendingMigrations } from '../src/db/migrate.js';
import { projectRoot } from '../src/paths.js';
import { upgradeDatabase } from '../src/ops/upgrade.js';

const quiet = { info: () => {}, error: () => {} };

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A migrations folder of our own, so files can be added, edited and removed. */
function folder(files: Record<string, string>): string {
  const dir = tempDir('vuoro-mig-files-');
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

const A = "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);\nINSERT INTO a (v) VALUES ('one');\n";
const C = 'CREATE TABLE c (id INTEGER PRIMARY KEY);\n';
const B = 'CREATE TABLE b (id INTEGER PRIMARY KEY);\n';

function refusal(fn: () => unknown): MigrationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof MigrationError) return err;
    throw err;
  }
  throw new Error('expected a MigrationError');
}

function historyOf(db: Db): { name: string; adopted: number }[] {
  return db.prepare('SELECT name, adopted FROM schema_migrations ORDER BY version').all() as { name: string; adopted: number }[];
}

// The server and the CLI share the start-up path; the CLI is the cheaper process to start.
function cliMigrate(dbPath: string) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate'], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_PATH: dbPath, LANG: 'C' },
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('migration history', () => {
  it('when migrating, then every file is recorded by name and sha256 checksum', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const rows = db.prepare('SELECT name, checksum FROM schema_migrations ORDER BY version').all() as { name: string; checksum: string }[];
    expect(rows).toEqual(loadMigrations().map((m) => ({ name: m.name, checksum: m.checksum })));
    expect(rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(checksumOf('x;\r\ny;\r\n')).toBe(checksumOf('x;\ny;\n'));
    db.close();
  });

  it('when the database has a migration the code lacks, then it is refused naming that file', () => {
    const db = openDatabase(':memory:');
    migrate(db, loadMigrations(folder({ '001_a.sql': A, '002_future.sql': B })));
    const err = refusal(() => pendingMigrations(db, loadMigrations(folder({ '001_a.sql': A }))));
    expect(err.file).toBe('002_future.sql');
    expect(err.message).toContain('002_future.sql');
    expect(err.message).toContain('does not have that file');
    db.close();
  });

  it('when an applied migration file was edited, then it is refused naming that file and nothing runs', () => {
    const db = openDatabase(':memory:');
    migrate(db, loadMigrations(folder({ '001_a.sql': A })));
    const edited = folder({ '001_a.sql': `${A}-- a harmless-looking comment\n`, '002_b.sql': B });
    const err = refusal(() => migrate(db, loadMigrations(edited)));
    expect(err.file).toBe('001_a.sql');
    expect(err.message).toMatch(/001_a\.sql was changed after it was applied/);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('when a pending migration is numbered below an applied one, then it is refused naming it and nothing runs', () => {
    const db = openDatabase(':memory:');
    migrate(db, loadMigrations(folder({ '001_a.sql': A, '003_c.sql': C })));
    const err = refusal(() =>
      migrate(db, loadMigrations(folder({ '001_a.sql': A, '002_b.sql': B, '003_c.sql': C, '004_d.sql': 'CREATE TABLE d (id INTEGER);' }))),
    );
    expect(err.file).toBe('002_b.sql');
    expect(err.message).toContain('below 003_c.sql');
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('b', 'd')").get()).toEqual({ n: 0 });
    db.close();
  });

  it('when two files share a number, then they are refused naming the second', () => {
    const db = openDatabase(':memory:');
    expect(refusal(() => migrate(db, loadMigrations(folder({ '001_a.sql': A, '001_b.sql': B })))).file).toBe('001_b.sql');
    db.close();
  });

  it('when a database from before the history (user_version only) starts, then its files are adopted once and later ones applied', () => {
    const path = join(tempDir('vuoro-mig-'), 'old.db');
    const real = loadMigrations();
    // What the old migrator did: each file up to 004, then user_version.
    const old = openDatabase(path);
    for (const m of real.filter((x) => x.version <= 4)) old.exec(m.sql);
    old.pragma('user_version = 4');
    old.close();

    const db = openDatabase(path);
    const applied = migrate(db);
    expect(applied).toEqual(real.filter((m) => m.version > 4).map((m) => m.name));
    expect(historyOf(db)).toEqual(real.map((m) => ({ name: m.name, adopted: m.version <= 4 ? 1 : 0 })));
    expect(migrate(db)).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('when a database with data has pending migrations, then a verified backup of the old state is taken first', async () => {
    const dir = tempDir('vuoro-mig-');
    const path = join(dir, 'live.db');
    const db = openDatabase(path);
    migrate(db, loadMigrations(folder({ '001_a.sql': A })));
    const backupDir = join(dir, 'backups');
    const result = await upgradeDatabase(db, { databasePath: path, backupDir, migrations: loadMigrations(folder({ '001_a.sql': A, '002_b.sql': B })) }, quiet);
    expect(result.applied).toEqual(['002_b.sql']);
    expect(result.backup).toMatch(/vuoro-pre-migrate-.*Z\.db$/);
    const copy = new Database(result.backup as string, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b')").pluck().all()).toEqual(['a']);
    expect(copy.prepare('SELECT v FROM a').pluck().all()).toEqual(['one']);
    copy.close();
    // Nothing pending: no further copy.
    const again = await upgradeDatabase(db, { databasePath: path, backupDir, migrations: loadMigrations(folder({ '001_a.sql': A, '002_b.sql': B })) }, quiet);
    expect(again).toEqual({ applied: [], backup: undefined });
    expect(readdirSync(backupDir)).toHaveLength(1);
    db.close();
  });

  it('when a new empty database is migrated, then no backup is taken', async () => {
    const dir = tempDir('vuoro-mig-');
    const path = join(dir, 'new.db');
    const db = openDatabase(path);
    const result = await upgradeDatabase(db, { databasePath: path, backupDir: join(dir, 'backups') }, quiet);
    expect(result.applied.length).toBe(loadMigrations().length);
    expect(result.backup).toBeUndefined();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
    db.close();
  });

  it('when the CLI starts on a database with an unknown migration, then it exits 1 naming the file and without a stack', () => {
    const path = join(tempDir('vuoro-mig-'), 'ahead.db');
    const db = openDatabase(path);
    migrate(db);
    db.prepare("INSERT INTO schema_migrations (name, version, checksum, applied_at) VALUES ('099_from_the_future.sql', 99, 'x', '2030-01-01T00:00:00Z')").run();
    db.close();
    const res = cliMigrate(path);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('099_from_the_future.sql');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);

  it('when the CLI starts on a database that skipped a migration below its highest, then it exits 1 naming that file and applies nothing', () => {
    const path = join(tempDir('vuoro-mig-'), 'skipped.db');
    const db = openDatabase(path);
    migrate(db);
    // What the user_version scheme allowed: 004 never ran on a database already past it.
    db.prepare("DELETE FROM schema_migrations WHERE name = '004_share_proposals.sql'").run();
    db.close();
    const res = cliMigrate(path);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/004_share_proposals\.sql is pending but numbered below \d{3}_\w+\.sql/);
    const after = openDatabase(path);
    expect(after.prepare("SELECT count(*) FROM schema_migrations WHERE name = '004_share_proposals.sql'").pluck().get()).toBe(0);
    after.close();
  }, 90_000);

  it('when the server starts on a database whose applied migration was edited, then it exits non-zero naming the file', () => {
    const path = join(tempDir('vuoro-mig-'), 'edited.db');
    const db = openDatabase(path);
    migrate(db);
    db.prepare("UPDATE schema_migrations SET checksum = 'not-the-file' WHERE name = '003_calendar.sql'").run();
    db.close();
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_PATH: path,
        PORT: '0',
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'silent',
      },
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('003_calendar.sql was changed after it was applied');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});
