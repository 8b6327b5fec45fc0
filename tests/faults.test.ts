import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH_PASSWORD, prepareDemoDatabase, startProcess } from '../bench/server-process.js';
import { testConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { openDatabase, type Db } from '../src/db/connection.js';
import { generateRoster } from '../src/features/rosters/rules.js';
import { addDays, localToday, mondayOf } from '../src/time/zone.js';

// Crash safety: the real server, killed with SIGKILL at random points of a long
// generate and of a publish, then restarted. SQLite's WAL plus one immediate
// transaction per operation must leave each range wholly as before or wholly new.

/** The roster of a range without ids or timestamps, which legitimately differ between runs. */
function rangeState(db: Db, from: string, to: string): string {
  const turns = db
    .prepare<[string, string], Record<string, unknown>>(
      `SELECT t.service_id, t.start_at, t.end_at, t.city_id, t.status, t.headcount,
              (SELECT group_concat(a.adviser_id || ':' || a.pinned, ',') FROM (SELECT * FROM assignments WHERE turn_id = t.id ORDER BY adviser_id) a) AS advisers
       FROM turns t WHERE t.date BETWEEN ? AND ? ORDER BY t.service_id, t.start_at`,
    )
    .all(from, to);
  return JSON.stringify(turns);
}

function published(db: Db): string {
  return JSON.stringify(
    db
      .prepare(
        `SELECT t.service_id, t.start_at, t.city_id, group_concat(a.adviser_id) AS advisers
       FROM turns t LEFT JOIN assignments a ON a.turn_id = t.id WHERE t.status = 'published' GROUP BY t.id ORDER BY t.service_id, t.start_at`,
      )
      .all(),
  );
}

/** vitest puts BASE_URL=/ into the environment; the CLI must see the real defaults. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.BASE_URL;
  return env;
}

function withDb<T>(path: string, fn: (db: Db) => T): T {
  const db = openDatabase(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Runs a whole generate in this process on the database at path; returns the range afterwards. */
function generateIn(path: string, from: string, to: string): string {
  return withDb(path, (db) => {
    const ctx = createContext({ db, config: testConfig(), log: { info: () => {}, error: () => {} } });
    const admin = ctx.repos.users.byUsername('admin');
    const user = { id: admin?.id ?? 0, username: 'admin', displayName: 'Admin', role: 'admin' as const, cityId: null, adviserId: null, language: null };
    generateRoster(ctx, { from, to }, user, 'en');
    return rangeState(db, from, to);
  });
}

/** What a completed generate would leave, computed on a copy of the database. */
function expectedAfterGenerate(path: string, from: string, to: string): string {
  withDb(path, (db) => db.pragma('wal_checkpoint(TRUNCATE)'));
  const copy = join(mkdtempSync(join(tmpdir(), 'vuoro-expected-')), 'copy.db');
  copyFileSync(path, copy);
  return generateIn(copy, from, to);
}

async function killDuring(path: string, token: string, route: string, body: object, afterMs: number): Promise<void> {
  const server = await startProcess('src/server.ts', { DATABASE_PATH: path, SEED_DEMO: 'false', ADMIN_PASSWORD: BENCH_PASSWORD });
  const request = fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => null);
  await new Promise((r) => setTimeout(r, afterMs));
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGKILL');
  await exited;
  await request;
}

describe('faults', () => {
  it('when the server is killed at random points of generate and publish, then each range is wholly old or wholly new and nothing published is lost', async () => {
    const { path, adminToken } = await prepareDemoDatabase();
    const monday = mondayOf(localToday(new Date()));
    const from = addDays(monday, 8 * 7);
    const to = addDays(from, 26 * 7 - 1);
    const outcomes: string[] = [];
    const publishedBefore = withDb(path, published);

    // Kill times spread over how long a whole generate takes here.
    const started = Date.now();
    expectedAfterGenerate(path, from, to);
    const span = Math.max(200, (Date.now() - started) * 3);

    for (const fraction of [0.05, 0.3, 0.55, 0.8, 1.1]) {
      // Each run starts from an empty range, so "old" and "new" differ.
      withDb(path, (db) => db.prepare("DELETE FROM turns WHERE date BETWEEN ? AND ? AND status = 'draft'").run(from, to));
      const before = withDb(path, (db) => rangeState(db, from, to));
      const whole = expectedAfterGenerate(path, from, to);
      await killDuring(path, adminToken, '/api/v1/rosters/generate', { from, to }, Math.round(span * fraction));
      const { integrity, after, pub } = withDb(path, (db) => ({
        integrity: db.pragma('integrity_check', { simple: true }),
        after: rangeState(db, from, to),
        pub: published(db),
      }));
      expect(integrity).toBe('ok');
      expect(pub).toBe(publishedBefore);
      expect([before, whole]).toContain(after);
      expect(before).not.toBe(whole);
      outcomes.push(`generate killed at ${Math.round(span * fraction)} ms: ${after === before ? 'old (nothing written)' : 'new (whole range)'}`);
    }

    // Kill publishes of a fresh draft each time.
    for (const ms of [20, 80, 200, 600, 2000]) {
      withDb(path, (db) => db.prepare('DELETE FROM turns WHERE date BETWEEN ? AND ?').run(from, to));
      generateIn(path, from, to);
      const before = withDb(path, (db) => ({ range: rangeState(db, from, to), pub: published(db) }));
      await killDuring(path, adminToken, '/api/v1/rosters/publish', { from, to, overrideReason: 'fault test' }, ms);
      const after = withDb(path, (db) => ({ integrity: db.pragma('integrity_check', { simple: true }), range: rangeState(db, from, to), pub: published(db) }));
      expect(after.integrity).toBe('ok');
      const statuses = new Set((JSON.parse(after.range) as { status: string }[]).map((t) => t.status));
      expect(statuses.size).toBe(1);
      // Everything published before is still published.
      const was = JSON.parse(before.pub) as unknown[];
      const now = JSON.parse(after.pub) as unknown[];
      for (const row of was) expect(now).toContainEqual(row);
      outcomes.push(`publish killed at ${ms} ms: ${[...statuses][0]}`);
    }
    console.log(`fault runs:\n  ${outcomes.join('\n  ')}`);
  }, 180_000);

  it('when backing up while the server writes, then the restored copy is intact and holds a consistent prefix', async () => {
    const { path, adminToken } = await prepareDemoDatabase();
    const server = await startProcess('src/server.ts', { DATABASE_PATH: path, SEED_DEMO: 'false', ADMIN_PASSWORD: BENCH_PASSWORD });
    const backup = join(mkdtempSync(join(tmpdir(), 'vuoro-backup-')), 'backup.db');
    let writing = true;
    let written = 0;
    const writer = (async () => {
      const advisers = (await (await fetch(`${server.url}/api/v1/advisers`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as {
        id: number;
      }[];
      while (writing) {
        const res = await fetch(`${server.url}/api/v1/absences`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ adviserId: advisers[written % advisers.length]?.id, from: '2031-01-05', to: '2031-01-06', reason: `backup ${written}` }),
        });
        if (res.status !== 201) throw new Error(`write failed: ${res.status}`);
        written++;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const cli = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'backup', backup], {
        env: { ...cleanEnv(), DATABASE_PATH: path },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => resolve({ code, out }));
    });
    await new Promise((r) => setTimeout(r, 200));
    writing = false;
    await writer;
    await server.stop();

    expect(cli.code).toBe(0);
    expect(written).toBeGreaterThan(0);
    const source = withDb(path, (db) =>
      db.prepare<[], { id: number; reason: string }>("SELECT id, reason FROM absences WHERE reason LIKE 'backup %' ORDER BY id").all(),
    );
    const copy = withDb(backup, (db) => ({
      integrity: db.pragma('integrity_check', { simple: true }),
      fk: db.pragma('foreign_key_check'),
      rows: db.prepare<[], { id: number; reason: string }>("SELECT id, reason FROM absences WHERE reason LIKE 'backup %' ORDER BY id").all(),
      turns: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM turns').get()?.n,
    }));
    expect(copy.integrity).toBe('ok');
    expect(copy.fk).toEqual([]);
    // The copy is the source as it was at one instant: a prefix of the writes.
    expect(source.slice(0, copy.rows.length)).toEqual(copy.rows);
    expect(copy.turns).toBe(withDb(path, (db) => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM turns').get()?.n));

    // Restore: serve the copy and read the same counts through the API.
    const restored = await startProcess('src/server.ts', { DATABASE_PATH: backup, SEED_DEMO: 'false', ADMIN_PASSWORD: BENCH_PASSWORD });
    try {
      const health = await fetch(`${restored.url}/healthz`);
      expect(health.status).toBe(200);
      const login = await fetch(`${restored.url}/login`);
      expect(login.status).toBe(200);
    } finally {
      await restored.stop();
    }
    console.log(`backup while writing: ${written} writes during the run, ${copy.rows.length} in the backup`);
  }, 120_000);
});
