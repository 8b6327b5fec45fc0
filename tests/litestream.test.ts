import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startProcess } from '../bench/server-process.js';
import { testConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { openDatabase } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { createApiToken } from '../src/features/auth/rules.js';
import { projectRoot } from '../src/paths.js';
import { makeCity } from './helpers/factories.js';

// The restore drill of docs/OPERATIONS.md, with the real binaries: the server
// process and Litestream (v0.3.13 from @flydotio/litestream-linux-x64) replicating to a
// file replica. The server is killed with SIGKILL right after its last
// committed write; what Litestream shipped must hold every one of them.
// The platform binary itself, not the npm wrapper (node_modules/.bin/litestream):
// the wrapper neither forwards signals (a SIGTERM would orphan the replicator)
// nor passes on the exit status.
const LITESTREAM = join(projectRoot, 'node_modules', '@flydotio', `litestream-${process.platform}-${process.arch}`, 'litestream');
const SYNC_INTERVAL_MS = 1000;

function restoreInto(replica: string, out: string): { ok: boolean; stderr: string } {
  rmSync(out, { force: true });
  const res = spawnSync(LITESTREAM, ['restore', '-o', out, `file://${replica}`], { encoding: 'utf8', timeout: 30_000 });
  return { ok: res.status === 0 && existsSync(out), stderr: res.stderr };
}

function adviserEmails(path: string): Set<string> {
  const db = new Database(path, { readonly: true });
  try {
    return new Set(db.prepare('SELECT email FROM advisers').pluck().all() as string[]);
  } finally {
    db.close();
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('Litestream restore drill', () => {
  it('when the server is killed -9 while Litestream replicates, then a restore into a new path is intact and holds every committed write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vuoro-litestream-'));
    const path = join(dir, 'vuoro.db');
    const replica = join(dir, 'replica');
    const db = openDatabase(path);
    migrate(db);
    const cityId = makeCity(db);
    const ctx = createContext({ db, config: testConfig(), log: { info: () => {}, error: () => {} } });
    // The token is what authenticates; the password hash is never checked here.
    const adminId = ctx.repos.users.insert({
      username: 'drill-admin',
      displayName: 'Drill',
      passwordHash: 'unused',
      role: 'admin',
      cityId: null,
      adviserId: null,
      language: 'en',
    });
    const { token } = createApiToken(ctx, adminId, 'drill');
    db.close();

    const config = join(dir, 'litestream.yml');
    writeFileSync(
      config,
      `dbs:\n  - path: ${path}\n    replicas:\n      - type: file\n        path: ${replica}\n        sync-interval: ${SYNC_INTERVAL_MS / 1000}s\n`,
    );
    const server = await startProcess('src/server.ts', {
      DATABASE_PATH: path,
      SEED_DEMO: 'false',
      ADMIN_PASSWORD: 'a long enough password',
      LOG_LEVEL: 'warn',
    });
    let litestream: ChildProcess | undefined;
    try {
      litestream = spawn(LITESTREAM, ['replicate', '-config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
      let litestreamLog = '';
      litestream.stderr?.on('data', (d: Buffer) => (litestreamLog += d.toString()));
      // Litestream starts a generation with a snapshot before it ships WAL frames.
      expect(await waitFor(() => restoreInto(replica, join(dir, 'first.db')).ok, 20_000), litestreamLog).toBe(true);

      const committed: string[] = [];
      let lastCommitAt = 0;
      for (let i = 0; i < 40; i++) {
        const email = `drill${i}@example.test`;
        const res = await fetch(`${server.url}/api/v1/advisers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Drill ${i}`, email, cityId, skills: [], languages: ['fi'], maxHoursPerWeek: 20 }),
        });
        expect(res.status).toBe(201);
        committed.push(email);
        lastCommitAt = Date.now();
      }
      server.child.kill('SIGKILL');

      // The lag: from the last committed write until a restore from the replica holds it.
      const probe = join(dir, 'probe.db');
      const caughtUp = await waitFor(() => restoreInto(replica, probe).ok && adviserEmails(probe).has(committed.at(-1) as string), 15_000);
      const lagMs = Date.now() - lastCommitAt;
      console.log(`Litestream replication lag: ${lagMs} ms (sync-interval ${SYNC_INTERVAL_MS} ms, ${committed.length} writes)`);
      expect(caughtUp, litestreamLog).toBe(true);

      await new Promise((r) => setTimeout(r, SYNC_INTERVAL_MS));
      litestream.kill('SIGTERM');
      await new Promise((r) => litestream?.once('exit', r));

      const restored = join(dir, 'restored', 'vuoro.db');
      rmSync(join(dir, 'restored'), { recursive: true, force: true });
      const result = restoreInto(replica, restored);
      expect(result.ok, result.stderr).toBe(true);
      const check = new Database(restored, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
      const emails = adviserEmails(restored);
      expect(committed.filter((e) => !emails.has(e))).toEqual([]);
      expect(lagMs).toBeLessThan(15_000);
    } finally {
      if (litestream && litestream.exitCode === null) litestream.kill('SIGKILL');
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 90_000);
});
