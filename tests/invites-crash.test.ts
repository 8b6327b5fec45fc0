import { describe, expect, it } from 'vitest';
import { BENCH_PASSWORD, prepareDemoDatabase, startProcess } from '../bench/server-process.js';
import { testConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { openDatabase, type Db } from '../src/db/connection.js';
import { deliverDue } from '../src/features/outbox/rules.js';
import { generateRoster } from '../src/features/rosters/rules.js';
import { addDays, localToday, mondayOf } from '../src/time/zone.js';
import { closedPort, startSmtp } from './helpers/peers.js';

// The real server killed with SIGKILL while it publishes with invitations on:
// the invitations commit with the publication or not at all, and those that
// committed all reach the SMTP server afterwards, each once.

const quiet = { info: () => {}, error: () => {} };

function withDb<T>(path: string, fn: (db: Db) => T): T {
  const db = openDatabase(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const admin = { id: 0, username: 'admin', displayName: 'Admin', role: 'admin' as const, cityId: null, adviserId: null, language: null };

function regenerate(path: string, from: string, to: string): void {
  withDb(path, (db) => {
    db.prepare('DELETE FROM turns WHERE date BETWEEN ? AND ?').run(from, to);
    db.prepare("DELETE FROM outbox WHERE idempotency_key LIKE 'invite-%'").run();
    const ctx = createContext({ db, config: testConfig(), log: quiet });
    generateRoster(ctx, { from, to }, { ...admin, id: ctx.repos.users.byUsername('admin')?.id ?? 0 }, 'en');
  });
}

interface RangeState {
  statuses: Set<string>;
  assignments: Set<string>;
  invited: Set<string>;
}

function rangeState(db: Db, from: string, to: string): RangeState {
  const turns = db.prepare('SELECT id, status FROM turns WHERE date BETWEEN ? AND ?').all(from, to) as Array<{ id: number; status: string }>;
  const ids = new Set(turns.map((t) => t.id));
  const assignments = db
    .prepare('SELECT a.turn_id, a.adviser_id FROM assignments a JOIN turns t ON t.id = a.turn_id WHERE t.date BETWEEN ? AND ?')
    .all(from, to) as Array<{ turn_id: number; adviser_id: number }>;
  const keys = db.prepare("SELECT idempotency_key FROM outbox WHERE idempotency_key LIKE 'invite-%-request'").all() as Array<{ idempotency_key: string }>;
  const invited = keys.map((k) => /^invite-(\d+)-(\d+)-/.exec(k.idempotency_key)).filter((m): m is RegExpExecArray => m !== null && ids.has(Number(m[1])));
  return {
    statuses: new Set(turns.map((t) => t.status)),
    assignments: new Set(assignments.map((a) => `${a.turn_id}:${a.adviser_id}`)),
    invited: new Set(invited.map((m) => `${m[1]}:${m[2]}`)),
  };
}

describe('invitations and a crash during publish', () => {
  it('when the server is killed with SIGKILL during a publish, then unpublished turns have no invitations and published ones lose none', async () => {
    const { path, adminToken } = await prepareDemoDatabase();
    const from = addDays(mondayOf(localToday(new Date())), 8 * 7);
    const to = addDays(from, 4 * 7 - 1);
    const smtpDown = `smtp://127.0.0.1:${await closedPort()}`;
    const outcomes: string[] = [];
    let publishedRun = false;

    // The last run is not killed before the answer: at least one publication commits.
    for (const ms of [20, 150, 500, 30_000]) {
      regenerate(path, from, to);
      const server = await startProcess('src/server.ts', {
        DATABASE_PATH: path,
        SEED_DEMO: 'false',
        ADMIN_PASSWORD: BENCH_PASSWORD,
        CALENDAR_INVITES: 'true',
        SMTP_URL: smtpDown,
        MAIL_FROM: 'vuoro <rota@vuoro.example>',
      });
      const answered = fetch(`${server.url}/api/v1/rosters/publish`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from, to, overrideReason: 'crash test' }),
      })
        .then((r) => r.status)
        .catch(() => null);
      await Promise.race([answered, new Promise((r) => setTimeout(r, ms))]);
      const exited = new Promise((r) => server.child.once('exit', r));
      server.child.kill('SIGKILL');
      await exited;
      const status = await answered;

      const state = withDb(path, (db) => rangeState(db, from, to));
      expect(state.statuses.size).toBe(1);
      if (state.statuses.has('published')) {
        publishedRun = true;
        expect(state.assignments.size).toBeGreaterThan(50);
        expect([...state.invited].sort()).toEqual([...state.assignments].sort());
      } else {
        expect(state.invited.size).toBe(0);
        expect(status).not.toBe(200);
      }
      outcomes.push(`killed at ${ms} ms: ${[...state.statuses][0]} with ${state.invited.size} invitations queued`);
    }
    expect(publishedRun).toBe(true);

    // Back up: every queued invitation reaches the SMTP server, once.
    const smtp = await startSmtp();
    try {
      const sent = await withDbAsync(path, async (db) => {
        // Two hours on: every backoff and the killed server's leases have run out.
        const ctx = createContext({
          db,
          config: testConfig({ smtpUrl: smtp.url, mailFrom: 'vuoro <rota@vuoro.example>' }),
          log: quiet,
          clock: { now: () => new Date(Date.now() + 2 * 3_600_000) },
        });
        await deliverDue(ctx, 10_000);
        return rangeState(db, from, to);
      });
      // One event per message (nodemailer repeats the calendar part as an invite.ics attachment for Outlook).
      const uids = smtp.mails.flatMap((m) => {
        const hit = m.parts.map((p) => /UID:turn-(\d+)-adviser-(\d+)@vuoro/.exec(p.body.replace(/\r\n /g, ''))).find((x) => x !== null);
        return hit ? [`${hit[1]}:${hit[2]}`] : [];
      });
      const inRange = uids.filter((u) => sent.assignments.has(u));
      expect(new Set(inRange).size).toBe(inRange.length);
      expect(new Set(inRange)).toEqual(sent.assignments);
    } finally {
      await smtp.close();
    }
    console.log(`invitation crash runs:\n  ${outcomes.join('\n  ')}`);
  }, 240_000);
});

async function withDbAsync<T>(path: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(path);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
