import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.js';
import { Browser, makeTestApp, makeUser, PASSWORD, type TestApp } from './helpers/app.js';

// TRUST_PROXY=1: the tests choose the client address with X-Forwarded-For.
const proxied = { trustProxy: 1 as const };

async function attempt(t: TestApp, address: string, username: string, password: string): Promise<number> {
  const b = new Browser(t.app);
  await b.get('/login', { 'X-Forwarded-For': address });
  return (await b.post('/login', { username, password }, { 'X-Forwarded-For': address })).status;
}

describe('login throttling', () => {
  it('when five wrong passwords come from address A, then A is limited but the right password from address B works', async () => {
    const t = makeTestApp({ config: proxied });
    const user = await makeUser(t, 'admin');
    const fromA: number[] = [];
    for (let i = 0; i < 6; i++) fromA.push(await attempt(t, '203.0.113.1', user.username, `wrong ${i}`));
    expect(fromA).toEqual([401, 401, 401, 401, 401, 429]);
    expect(await attempt(t, '203.0.113.1', user.username, PASSWORD)).toBe(429);
    expect(await attempt(t, '198.51.100.7', user.username, PASSWORD)).toBe(303);
  });

  it('when the counters were written by another app instance on the same database, then they still apply (a restart does not reset them)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vuoro-throttle-')), 'test.db');
    const first = makeTestApp({ config: proxied, db: openDatabase(path) });
    const user = await makeUser(first, 'admin');
    for (let i = 0; i < 5; i++) expect(await attempt(first, '203.0.113.9', user.username, `wrong ${i}`)).toBe(401);
    first.db.close();

    const second = makeTestApp({ config: proxied, db: openDatabase(path) });
    expect(await attempt(second, '203.0.113.9', user.username, PASSWORD)).toBe(429);
    expect(await attempt(second, '198.51.100.9', user.username, PASSWORD)).toBe(303);
    second.db.close();
  });

  it('when guesses for one user come from many addresses, then the ceiling stops new addresses but not one the user signed in from before', async () => {
    const t = makeTestApp({ config: proxied });
    const user = await makeUser(t, 'admin');
    expect(await attempt(t, '192.0.2.200', user.username, PASSWORD)).toBe(303);
    for (let a = 0; a < 10; a++) {
      for (let i = 0; i < 5; i++) expect(await attempt(t, `192.0.2.${a}`, user.username, `wrong ${i}`)).toBe(401);
    }
    expect(await attempt(t, '192.0.2.100', user.username, PASSWORD)).toBe(429);
    expect(await attempt(t, '192.0.2.200', user.username, PASSWORD)).toBe(303);
  }, 60_000);

  it('when one address tries many user names, then it is limited after 30 attempts', async () => {
    const t = makeTestApp({ config: proxied });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push(await attempt(t, '203.0.113.50', `someone${i}`, 'guess guess'));
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect(await attempt(t, '203.0.113.51', 'someone0', 'guess guess')).toBe(401);
  }, 60_000);

  it('when limited, then the page says when to retry and the limit ends with its window', async () => {
    let now = new Date('2026-03-02T08:00:00Z');
    const t = makeTestApp({ config: proxied, clock: { now: () => now } });
    const user = await makeUser(t, 'admin');
    for (let i = 0; i < 5; i++) await attempt(t, '203.0.113.3', user.username, `wrong ${i}`);
    const b = new Browser(t.app);
    await b.get('/login', { 'X-Forwarded-For': '203.0.113.3' });
    const limited = await b.post('/login', { username: user.username, password: PASSWORD }, { 'X-Forwarded-For': '203.0.113.3' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBe(15 * 60);
    now = new Date('2026-03-02T08:15:01Z');
    expect(await attempt(t, '203.0.113.3', user.username, PASSWORD)).toBe(303);
  });
});
