import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { parseConfig, testConfig, type AppConfig, type OutboxSettings } from '../src/config.js';
import { createContext, type Clock, type Logger } from '../src/context.js';
import { openDatabase, type Db } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { notifyAdvisers } from '../src/features/notifications/rules.js';
import { backoffMs, deliverDue, deliverIds, enqueueMail } from '../src/features/outbox/rules.js';
import { startOutboxWorker } from '../src/features/outbox/worker.js';
import { loggedIn, type TestApp } from './helpers/app.js';
import { makeAdviser, makeCity } from './helpers/factories.js';
import { closedPort, startSmtp, until } from './helpers/peers.js';

// The outbox against a real SMTP server on loopback: an outage delays mail
// and loses nothing, a restart resumes, and nothing arrives twice.

const FAST: OutboxSettings = { pollMs: 40, retryBaseMs: 80, maxAttempts: 30, webhookDisableAfter: 3 };
const quiet: Logger = { info: () => {}, error: () => {} };

function appOn(db: Db, config: Partial<AppConfig>, clock?: Clock): TestApp {
  const deps = { db, config: testConfig({ outbox: FAST, ...config }), log: quiet, ...(clock ? { clock } : {}) };
  return { app: createApp(deps), db, ctx: createContext(deps), config: deps.config };
}

function memoryApp(config: Partial<AppConfig>): TestApp {
  const db = openDatabase(':memory:');
  migrate(db);
  return appOn(db, config);
}

const message = { text: { fi: { subject: 'Vuoro', body: 'Teksti' }, sv: { subject: 'Tur', body: 'Text' }, en: { subject: 'Turn', body: 'Text' } } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const outbox = (db: Db) =>
  db.prepare('SELECT id, status, attempts, idempotency_key FROM outbox ORDER BY id').all() as Array<{
    id: number;
    status: string;
    attempts: number;
    idempotency_key: string;
  }>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the outbox with SMTP down, then back', () => {
  it('when SMTP is down for the first attempts, then every message is delivered once it is back, none lost and none twice', async () => {
    const port = await closedPort();
    const t = memoryApp({ smtpUrl: `smtp://127.0.0.1:${port}` });
    const city = makeCity(t.db);
    const advisers = Array.from({ length: 5 }, (_, i) => makeAdviser(t.db, city, { email: `down${i}@example.test` }));
    const result = t.db.transaction(() => notifyAdvisers(t.ctx, advisers, message)).immediate();
    expect((await result.mailed).map((m) => m.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);

    const worker = startOutboxWorker(t.ctx);
    cleanups.push(() => worker.stop());
    await until(() => outbox(t.db).every((r) => r.attempts >= 3), 10_000, 'three failed attempts each');
    expect(outbox(t.db).every((r) => r.status === 'pending')).toBe(true);

    const smtp = await startSmtp(port);
    cleanups.push(smtp.close);
    await until(() => smtp.mails.length >= 5, 15_000, 'five mails');
    await sleep(600);
    await worker.stop();

    expect(smtp.mails).toHaveLength(5);
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(advisers.map((_, i) => `down${i}@example.test`).sort());
    const keys = smtp.mails.map((m) => m.headers.get('x-vuoro-idempotency-key'));
    expect(new Set(keys).size).toBe(5);
    for (const m of smtp.mails) expect(m.headers.get('message-id')).toBe(`<${m.headers.get('x-vuoro-idempotency-key')}@localhost>`);
    expect(outbox(t.db).map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    const inbox = t.db.prepare('SELECT mail_status FROM notifications').all() as Array<{ mail_status: string }>;
    expect(inbox.map((r) => r.mail_status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
  });

  it('when a message fails with the default settings, then its first retry is due within 30 seconds and later ones back off', async () => {
    const defaults = parseConfig({}).outbox;
    expect(backoffMs(defaults.retryBaseMs, 1)).toBeLessThanOrEqual(30_000);
    expect(backoffMs(defaults.retryBaseMs, 2)).toBe(2 * backoffMs(defaults.retryBaseMs, 1));
    expect(backoffMs(defaults.retryBaseMs, 40)).toBe(3_600_000);

    const t = memoryApp({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, outbox: defaults });
    const id = t.db.transaction(() => enqueueMail(t.ctx, { to: 'x@example.test', subject: 'S', text: 'T', language: 'fi' })).immediate();
    expect(await deliverIds(t.ctx, [id])).toEqual(['failed']);
    const row = t.db.prepare('SELECT status, last_attempt_at, next_attempt_at, last_error FROM outbox WHERE id = ?').get(id) as Record<string, string>;
    expect(row.status).toBe('pending');
    expect(row.last_error).toMatch(/ECONNREFUSED/);
    const wait = Date.parse(row.next_attempt_at as string) - Date.parse(row.last_attempt_at as string);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30_000);
  });
});

describe('a restart', () => {
  it('when the process stops with messages pending and one held mid-delivery, then a new worker on the same database sends each exactly once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vuoro-outbox-')), 'outbox.db');
    const db1 = openDatabase(path);
    migrate(db1);
    const first = appOn(db1, { smtpUrl: `smtp://127.0.0.1:${await closedPort()}` });
    const city = makeCity(db1);
    const advisers = [1, 2, 3].map((i) => makeAdviser(db1, city, { email: `restart${i}@example.test` }));
    const result = db1.transaction(() => notifyAdvisers(first.ctx, advisers, message)).immediate();
    await result.mailed;
    // A worker claims one message (its retry was due) and dies before it can record the outcome.
    const now = new Date(Date.now() + 1000);
    const held = db1.transaction(() => first.ctx.repos.outbox.claimDue(now.toISOString(), new Date(now.getTime() + 120_000).toISOString(), 1)).immediate();
    expect(held).toHaveLength(1);
    db1.close();

    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const db2 = openDatabase(path);
    cleanups.push(() => {
      db2.close();
    });
    const second = appOn(db2, { smtpUrl: smtp.url });
    const worker = startOutboxWorker(second.ctx);
    await until(() => smtp.mails.length >= 2, 10_000, 'the two free messages');
    await sleep(300);
    await worker.stop();
    // The held one waits for its lease to run out, then goes like the others.
    expect(smtp.mails).toHaveLength(2);
    const later = appOn(db2, { smtpUrl: smtp.url }, { now: () => new Date(Date.now() + 3 * 60_000) });
    expect(await deliverDue(later.ctx)).toBe(1);
    expect(await deliverDue(later.ctx)).toBe(0);

    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(['restart1@example.test', 'restart2@example.test', 'restart3@example.test']);
    expect(outbox(db2).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });
});

describe('the admin page', () => {
  it('when a message has used up its attempts, then the admin sees it as failed and "send again" delivers it, logged in the change log', async () => {
    const port = await closedPort();
    const t = memoryApp({ smtpUrl: `smtp://127.0.0.1:${port}`, outbox: { ...FAST, maxAttempts: 1 } });
    const id = t.db.transaction(() => enqueueMail(t.ctx, { to: 'failing@example.test', subject: 'Given up', text: 'T', language: 'en' })).immediate();
    expect(await deliverIds(t.ctx, [id])).toEqual(['failed']);
    expect(outbox(t.db)[0]?.status).toBe('failed');

    const { browser, user } = await loggedIn(t, 'admin');
    const page = await browser.get('/admin/outbox?status=failed');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Given up');
    expect(page.text).toContain('f***@example.test');
    expect(page.text).not.toContain('failing@example.test');
    expect(page.text).toContain(`/admin/outbox/${id}/retry`);
    const { browser: adviserBrowser } = await loggedIn(t, 'adviser', { adviserId: makeAdviser(t.db, makeCity(t.db)) });
    expect((await adviserBrowser.get('/admin/outbox')).status).toBe(403);

    const smtp = await startSmtp(port);
    cleanups.push(smtp.close);
    const retried = await browser.post(`/admin/outbox/${id}/retry`);
    expect(retried.status).toBe(303);
    expect(outbox(t.db)[0]?.status).toBe('pending');
    expect(await deliverDue(t.ctx)).toBe(1);
    expect(smtp.mails.map((m) => m.to)).toEqual([['failing@example.test']]);
    const log = t.db.prepare("SELECT user_id FROM audit_log WHERE kind = 'outbox.retry'").all();
    expect(log).toEqual([{ user_id: user.id }]);
    // A sent message cannot be "sent again".
    expect((await browser.post(`/admin/outbox/${id}/retry`)).status).toBe(404);
  });
});
