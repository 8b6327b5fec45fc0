import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { projectRoot } from '../src/paths.js';
import { makeTestApp } from './helpers/app.js';
import { makeAbsence, makeAdviser, makeRegion } from './helpers/factories.js';

// The CLI runs as its own process, straight through tsx rather than npm, so
// npm's banner cannot be mistaken for our output. A minimal environment: vitest
// sets BASE_URL=/ (Vite's base), which is not a valid vuoro setting.
function cli(dbPath: string, ...args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_PATH: dbPath, LANG: 'C', ARGON2_MEMORY_KIB: '1024' },
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

function freshDb(): { path: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vuoro-cli-'));
  return { path: join(dir, 'vuoro.db'), dir };
}

function withDb<T>(path: string, fn: (db: Db) => T): T {
  const db = openDatabase(path);
  try {
    migrate(db);
    return fn(db);
  } finally {
    db.close();
  }
}

describe('cli', () => {
  it("when create-token is run, then stdout is exactly one line that works as a Bearer token with the user's role", () => {
    const { path } = freshDb();
    expect(cli(path, 'create-user', '--user', 'integrator', '--role', 'admin', '--password', 'a long enough password').code).toBe(0);
    const res = cli(path, 'create-token', '--user', 'integrator', '--label', 'phone system');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    const token = res.stdout.trim();
    const db = openDatabase(path);
    const t = makeTestApp({ db });
    return request(t.app)
      .get('/api/v1/advisers')
      .set('Authorization', `Bearer ${token}`)
      .then((api) => {
        expect(api.status).toBe(200);
        expect(api.body).toEqual([]);
        expect((db.prepare('SELECT label FROM api_tokens').get() as { label: string }).label).toBe('phone system');
        db.close();
      });
  });

  it('when create-token names an unknown user, then exit 1 and nothing on stdout', () => {
    const { path } = freshDb();
    const res = cli(path, 'create-token', '--user', 'nobody');
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('nobody');
  });

  it('when create-user has no password, then one is generated, printed, and works', async () => {
    const { path } = freshDb();
    const city = withDb(path, (db) => makeRegion(db).cities.espoo);
    const res = cli(path, 'create-user', '--user', 'esa', '--role', 'supervisor', '--city', 'espoo');
    expect(res.code).toBe(0);
    const password = /Password \(shown only now\): (\S+)/.exec(res.stdout)?.[1];
    expect(password).toBeTruthy();
    const db = openDatabase(path);
    const t = makeTestApp({ db });
    const row = db.prepare('SELECT role, city_id, password_hash FROM users WHERE username = ?').get('esa') as {
      role: string;
      city_id: number;
      password_hash: string;
    };
    expect(row.role).toBe('supervisor');
    expect(row.city_id).toBe(city);
    expect(await t.ctx.hasher.verify(row.password_hash, password as string)).toBe(true);
    db.close();
  });

  it('when create-user is invalid (supervisor without city, short password), then exit 1 and no user', () => {
    const { path } = freshDb();
    expect(cli(path, 'create-user', '--user', 'x', '--role', 'supervisor', '--password', 'a long enough password').code).toBe(1);
    expect(cli(path, 'create-user', '--user', 'y', '--role', 'admin', '--password', 'short').code).toBe(1);
    expect(withDb(path, (db) => (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n)).toBe(0);
  });

  it('when backing up, then the copy passes integrity_check with the same row counts', () => {
    const { path, dir } = freshDb();
    withDb(path, (db) => {
      const region = makeRegion(db);
      const a = makeAdviser(db, region.cities.helsinki, { skills: [region.services.phone], languages: ['fi', 'sv'] });
      makeAbsence(db, a, '2027-01-01', '2027-01-05');
    });
    const target = join(dir, 'backup.db');
    const res = cli(path, 'backup', target);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(target);
    const counts = (db: Db) => {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
      return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
    };
    const original = withDb(path, counts);
    const copy = openDatabase(target);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(counts(copy)).toEqual(original);
    expect(original.advisers).toBe(1);
    copy.close();
    expect(cli(path, 'backup', target).code).toBe(1);
  });

  it('when importing a valid CSV (BOM, quotes, ;), then every adviser is written with skills and languages', () => {
    const { path, dir } = freshDb();
    withDb(path, (db) => makeRegion(db));
    const file = join(dir, 'advisers.csv');
    writeFileSync(
      file,
      '\uFEFFname;email;city;skills;languages;maxHoursPerWeek\r\n"Öberg; Åsa";asa@example.test;espoo;phone|email;fi sv;12,5\r\n"O\'Neil ""Bob""";bob@example.test;vantaa;change_security;en;30\r\n',
    );
    const res = cli(path, 'import-advisers', file);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const rows = withDb(path, (db) =>
      db
        .prepare(
          `SELECT a.name, a.max_hours_per_week AS h, c.code AS city,
      (SELECT group_concat(s.code) FROM (SELECT sv.code FROM adviser_skills k JOIN services sv ON sv.id = k.service_id WHERE k.adviser_id = a.id ORDER BY sv.code) s) AS skills,
      (SELECT group_concat(l.language) FROM (SELECT language FROM adviser_languages WHERE adviser_id = a.id ORDER BY language) l) AS langs
      FROM advisers a JOIN cities c ON c.id = a.city_id ORDER BY a.id`,
        )
        .all(),
    );
    expect(rows).toEqual([
      { name: 'Öberg; Åsa', h: 12.5, city: 'espoo', skills: 'email,phone', langs: 'fi,sv' },
      { name: 'O\'Neil "Bob"', h: 30, city: 'vantaa', skills: 'change_security', langs: 'en' },
    ]);
  });

  it('when one line of the CSV is bad, then exit 1, the line is named, and nothing is written', () => {
    const { path, dir } = freshDb();
    withDb(path, (db) => makeRegion(db));
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      'name,email,city,skills,languages,maxHoursPerWeek\nGood One,good@example.test,espoo,phone,fi,20\nBad Hours,bad@example.test,espoo,phone,fi,75\nBad City,c@example.test,turku,phone,fi,10\n',
    );
    const res = cli(path, 'import-advisers', file);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('line 3: maxHoursPerWeek');
    expect(res.stderr).toContain('line 4: city');
    expect(res.stderr).not.toContain('line 2');
    expect(withDb(path, (db) => (db.prepare('SELECT count(*) AS n FROM advisers').get() as { n: number }).n)).toBe(0);
  });

  it('when the command is unknown or missing, then the usage is printed and the exit code is 2', () => {
    const { path } = freshDb();
    const res = cli(path, 'frobnicate');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Unknown command: frobnicate');
    expect(res.stderr).toContain('create-token --user NAME');
    expect(cli(path).code).toBe(2);
    expect(cli(path, 'create-token').code).toBe(2);
  });

  it('when migrate runs twice, then the second run has nothing to do', () => {
    const { path } = freshDb();
    expect(cli(path, 'migrate').stdout).toContain('Applied migrations: 001_initial.sql');
    const again = cli(path, 'migrate');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('up to date');
  });
});
