import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connection.js';
import { takeBackup } from '../src/db/backup.js';
import { migrate } from '../src/db/migrate.js';
import { enqueueMail } from '../src/features/outbox/rules.js';
import { createLogger } from '../src/ops/logging.js';
import { apiToken, makeTestApp, makeUser } from './helpers/app.js';
import { makeAdviser, makeCity } from './helpers/factories.js';

/** The value of one sample line, e.g. `vuoro_database_bytes 12345`. */
function sample(text: string, line: RegExp): number | undefined {
  const found = text.split('\n').find((l) => line.test(l));
  const value = found?.slice(found.lastIndexOf(' ') + 1);
  return value === undefined ? undefined : value === '+Inf' ? Infinity : Number(value);
}

// A proxy on the same host also connects from 127.0.0.1; its header is what tells it apart.
const PROXIED = { 'X-Forwarded-For': '203.0.113.7' };

describe('/metrics', () => {
  it('when scraped directly from this host, then it answers Prometheus text with requests by route pattern, never raw ids', async () => {
    const t = makeTestApp();
    const admin = await makeUser(t, 'admin');
    const token = apiToken(t, admin.id);
    await request(t.app).get('/api/v1/advisers/424242').set('Authorization', `Bearer ${token}`);
    await request(t.app).get('/healthz');
    const res = await request(t.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toMatch(/vuoro_http_requests_total\{method="GET",route="\/api\/v1\/advisers\/:id",status="404"\} 1/);
    expect(res.text).toMatch(/vuoro_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/);
    expect(res.text).toContain('vuoro_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/healthz"}');
    expect(res.text).not.toContain('424242');
    expect(sample(res.text, /^vuoro_database_bytes /)).toBeGreaterThan(4096);
    expect(sample(res.text, /^vuoro_outbox_length /)).toBe(0);
    expect(sample(res.text, /^vuoro_mail_pending /)).toBe(0);
    expect(res.text).not.toContain('vuoro_last_backup_age_seconds');
  });

  it("when the request comes through a proxy, then only an admin gets in: anonymous to the login, a supervisor 403, an admin's token 200", async () => {
    const t = makeTestApp();
    const city = makeCity(t.db);
    const admin = await makeUser(t, 'admin');
    const supervisor = await makeUser(t, 'supervisor', { cityId: city });
    // Like every guarded GET outside /api/: anonymous callers are sent to the login.
    const anonymous = await request(t.app).get('/metrics').set(PROXIED);
    expect([anonymous.status, anonymous.headers.location]).toEqual([303, '/login?next=%2Fmetrics']);
    expect((await request(t.app).get('/metrics').set({ Forwarded: 'for=203.0.113.7' })).status).toBe(303);
    expect(
      (
        await request(t.app)
          .get('/metrics')
          .set(PROXIED)
          .set('Authorization', `Bearer ${apiToken(t, supervisor.id)}`)
      ).status,
    ).toBe(403);
    const ok = await request(t.app)
      .get('/metrics')
      .set(PROXIED)
      .set('Authorization', `Bearer ${apiToken(t, admin.id)}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('vuoro_http_requests_total');
  });

  it("when METRICS_LOOPBACK is off, then even a direct local caller needs an admin's token", async () => {
    const t = makeTestApp({ config: { metricsLoopback: false } });
    const admin = await makeUser(t, 'admin');
    expect((await request(t.app).get('/metrics')).status).toBe(303);
    expect(
      (
        await request(t.app)
          .get('/metrics')
          .set('Authorization', `Bearer ${apiToken(t, admin.id)}`)
      ).status,
    ).toBe(200);
  });

  it('when the outbox holds pending and sent messages and backups are configured, then its length and the age of the newest backup are reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vuoro-metrics-'));
    const backupDir = join(dir, 'backups');
    const t = makeTestApp({ config: { backupDir } });
    expect(sample((await request(t.app).get('/metrics')).text, /^vuoro_last_backup_age_seconds /)).toBe(Infinity);
    for (const to of ['a@example.fi', 'b@example.fi', 'c@example.fi']) enqueueMail(t.ctx, { to, subject: 's', text: 't', language: 'fi' });
    t.db.prepare("UPDATE outbox SET status = 'sent' WHERE recipient = 'c@example.fi'").run();
    t.db.prepare("UPDATE outbox SET status = 'failed' WHERE recipient = 'b@example.fi'").run();
    const file = openDatabase(join(dir, 'vuoro.db'));
    migrate(file);
    await takeBackup(file, backupDir, new Date(Date.now() - 90_000));
    file.close();
    const text = (await request(t.app).get('/metrics')).text;
    expect(sample(text, /^vuoro_outbox_length /)).toBe(1);
    expect(sample(text, /^vuoro_outbox_failed /)).toBe(1);
    const age = sample(text, /^vuoro_last_backup_age_seconds /) as number;
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(200);
  });

  it('when an answer fails with 5xx, then the error counter counts it by route', async () => {
    const t = makeTestApp();
    const admin = await makeUser(t, 'admin');
    const cityId = makeCity(t.db);
    makeAdviser(t.db, cityId);
    // A dropped table makes the adviser list fail inside the app, as a broken disk would.
    t.db.pragma('foreign_keys = OFF');
    t.db.exec('DROP TABLE adviser_skills');
    const failed = await request(t.app)
      .get('/api/v1/advisers')
      .set('Authorization', `Bearer ${apiToken(t, admin.id)}`);
    expect(failed.status).toBe(500);
    const text = (await request(t.app).get('/metrics')).text;
    expect(sample(text, /^vuoro_http_errors_total\{method="GET",route="\/api\/v1\/advisers"\}/)).toBe(1);
  });
});

describe('structured logs', () => {
  it('when LOG_REQUESTS is on, then each request is one JSON line with its request id, and calendar tokens never appear', async () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (s: string) => void lines.push(s) });
    const db = openDatabase(':memory:');
    migrate(db);
    const app = createApp({ db, config: testConfig({ logRequests: true }), log });
    const secret = 'S3cretCalendarToken_abcdefghijklmnopqrstuvwxy';
    const feed = await request(app).get(`/calendar/${secret}.ics?x=1`);
    const given = await request(app).get('/healthz').set('X-Request-Id', 'proxy-req-12345678');
    expect(given.headers['x-request-id']).toBe('proxy-req-12345678');
    const injected = await request(app).get('/healthz').set('X-Request-Id', 'bad id {"level":60}');
    expect(injected.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({
      level: 30,
      msg: 'request',
      service: 'vuoro',
      method: 'GET',
      route: '/calendar/:token.ics',
      status: feed.status,
      reqId: feed.headers['x-request-id'],
    });
    expect(entries[0]?.path).toBe('/calendar/[redacted]?x=1');
    expect(entries[1]).toMatchObject({ reqId: 'proxy-req-12345678', path: '/healthz', status: 200 });
    expect(typeof entries[1]?.time).toBe('string');
    expect(lines.join('')).not.toContain(secret);
    db.close();
  });

  it("when a rule logs while a request is answered, then the line carries that request's id", async () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (s: string) => void lines.push(s) });
    // Users and tokens through the test helpers, the app under test with the JSON logger, one database.
    const t = makeTestApp();
    const token = apiToken(t, (await makeUser(t, 'admin')).id);
    const app = createApp({ db: t.db, config: t.config, log });
    t.db.pragma('foreign_keys = OFF');
    t.db.exec('DROP TABLE adviser_skills');
    const res = await request(app).get('/api/v1/advisers').set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'req-for-the-error-1');
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('adviser_skills');
    const errors = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ reqId: 'req-for-the-error-1', msg: 'GET /api/v1/advisers failed' });
  });
});
