import { createHmac } from 'node:crypto';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxSettings } from '../src/config.js';
import { deliverDue } from '../src/features/outbox/rules.js';
import { startOutboxWorker } from '../src/features/outbox/worker.js';
import { announceTurnStarts } from '../src/features/webhooks/turn-events.js';
import { localToday } from '../src/time/zone.js';
import { apiToken, loggedIn, makeTestApp, makeUser, type TestApp } from './helpers/app.js';
import { makeAdviser, makeRegion, makeTurn } from './helpers/factories.js';
import { startReceiver, until } from './helpers/peers.js';

// Signed webhooks against a real HTTP receiver on loopback.

const FAST: OutboxSettings = { pollMs: 40, retryBaseMs: 60, maxAttempts: 30, webhookDisableAfter: 3 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(answer?: (n: number) => number) {
  const t = makeTestApp({ config: { outbox: FAST, baseUrl: 'https://vuoro.example' } });
  const receiver = await startReceiver(answer);
  cleanups.push(receiver.close);
  const admin = await makeUser(t, 'admin', { language: 'en' });
  const token = apiToken(t, admin.id);
  return { t, receiver, admin, token };
}

async function register(t: TestApp, token: string, body: object): Promise<{ id: number; secret: string }> {
  const res = await request(t.app).post('/api/v1/webhooks').set('Authorization', `Bearer ${token}`).send(body);
  expect(res.status).toBe(201);
  return res.body as { id: number; secret: string };
}

/** An absence over the API: the simplest change that fires an event. */
async function enterAbsence(t: TestApp, token: string, adviserId: number, day = '2027-06-01') {
  const res = await request(t.app).post('/api/v1/absences').set('Authorization', `Bearer ${token}`).send({ adviserId, from: day, to: day, reason: 'sick' });
  expect(res.status).toBe(201);
  return res.body as { id: number };
}

/** What a receiver does (docs/WEBHOOKS.md), written here apart from the server's code. */
function verify(secret: string, header: string, body: string): { ok: boolean; t: number } {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return { ok: false, t: 0 };
  const expected = createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex');
  return { ok: expected === m[2], t: Number(m[1]) };
}

describe('POST/GET/DELETE /api/v1/webhooks', () => {
  it('when an admin registers a webhook, then 201 shows the secret once, lists never show it, and creation and deletion are in the change log', async () => {
    const { t, receiver, admin, token } = await setup();
    const res = await request(t.app)
      .post('/api/v1/webhooks')
      .set('Authorization', `Bearer ${token}`)
      .send({ url: receiver.url, events: ['absence.created', 'on_duty.changed'], format: 'json' });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      url: receiver.url,
      events: ['absence.created', 'on_duty.changed'],
      format: 'json',
      active: true,
      version: 1,
    });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const list = await request(t.app).get('/api/v1/webhooks').set('Authorization', `Bearer ${token}`);
    expect(list.body).toEqual([expect.objectContaining({ id: res.body.id })]);
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
    const one = await request(t.app).get(`/api/v1/webhooks/${res.body.id}`).set('Authorization', `Bearer ${token}`);
    expect(one.body).toMatchObject({ id: res.body.id, deliveries: [] });
    expect(JSON.stringify(one.body)).not.toContain(res.body.secret);

    expect((await request(t.app).delete(`/api/v1/webhooks/${res.body.id}`).set('Authorization', `Bearer ${token}`)).status).toBe(204);
    expect((await request(t.app).get(`/api/v1/webhooks/${res.body.id}`).set('Authorization', `Bearer ${token}`)).status).toBe(404);
    const log = t.db.prepare("SELECT kind, user_id, entity_id FROM audit_log WHERE entity = 'webhook' ORDER BY id").all();
    expect(log).toEqual([
      { kind: 'webhook.create', user_id: admin.id, entity_id: res.body.id },
      { kind: 'webhook.delete', user_id: admin.id, entity_id: res.body.id },
    ]);
  });

  it('when the URL is not http(s), the events are unknown or a supervisor asks, then it is refused and nothing is stored', async () => {
    const { t, token } = await setup();
    for (const url of ['ftp://example.test/x', 'javascript:alert(1)', 'file:///etc/passwd', 'http://user:pw@example.test/', 'not a url']) {
      const res = await request(t.app)
        .post('/api/v1/webhooks')
        .set('Authorization', `Bearer ${token}`)
        .send({ url, events: ['turn.changed'] });
      expect(res.status, url).toBe(400);
    }
    const noEvents = await request(t.app).post('/api/v1/webhooks').set('Authorization', `Bearer ${token}`).send({ url: 'https://example.test/', events: [] });
    expect(noEvents.status).toBe(400);
    const unknown = await request(t.app)
      .post('/api/v1/webhooks')
      .set('Authorization', `Bearer ${token}`)
      .send({ url: 'https://example.test/', events: ['roster.deleted'] });
    expect(unknown.status).toBe(400);
    const sup = await makeUser(t, 'supervisor', { cityId: makeRegion(t.db).cities.espoo });
    const forbidden = await request(t.app)
      .post('/api/v1/webhooks')
      .set('Authorization', `Bearer ${apiToken(t, sup.id)}`)
      .send({ url: 'https://example.test/', events: ['turn.changed'] });
    expect(forbidden.status).toBe(403);
    expect(t.db.prepare('SELECT count(*) AS n FROM webhooks').get()).toEqual({ n: 0 });
  });
});

describe('deliveries', () => {
  it('when an absence is entered, then the receiver gets {id, type, occurredAt, data} whose X-Vuoro-Signature verifies with the secret', async () => {
    const { t, receiver, token } = await setup();
    const r = makeRegion(t.db);
    const adviser = makeAdviser(t.db, r.cities.espoo);
    const hook = await register(t, token, { url: receiver.url, events: ['absence.created'] });
    const absence = await enterAbsence(t, token, adviser);
    expect(await deliverDue(t.ctx)).toBe(1);

    expect(receiver.requests).toHaveLength(1);
    const req = receiver.requests[0]!;
    const body = JSON.parse(req.body) as Record<string, unknown>;
    expect(body).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'absence.created',
      occurredAt: expect.any(String),
      data: { id: absence.id, adviserId: adviser, from: '2027-06-01', to: '2027-06-01' },
    });
    // The reason ("sick") is not sent to other systems.
    expect(req.body).not.toContain('sick');
    const check = verify(hook.secret, String(req.headers['x-vuoro-signature']), req.body);
    expect(check.ok).toBe(true);
    expect(Math.abs(check.t - Date.now() / 1000)).toBeLessThan(60);
    expect(verify('whsec_wrong', String(req.headers['x-vuoro-signature']), req.body).ok).toBe(false);
    expect(verify(hook.secret, String(req.headers['x-vuoro-signature']), req.body.replace('2027', '2028')).ok).toBe(false);
    expect(req.headers['x-vuoro-event']).toBe('absence.created');
    expect(req.headers['content-type']).toBe('application/json');
  });

  it('when the receiver answers 500 and then 200, then the same event is delivered on the retry and the log shows both attempts', async () => {
    const { t, receiver, token } = await setup((n) => (n === 0 ? 500 : 200));
    const r = makeRegion(t.db);
    const hook = await register(t, token, { url: receiver.url, events: ['absence.created'] });
    await enterAbsence(t, token, makeAdviser(t.db, r.cities.vantaa));
    expect(await deliverDue(t.ctx)).toBe(1);
    const log1 = (await request(t.app).get(`/api/v1/webhooks/${hook.id}`).set('Authorization', `Bearer ${token}`)).body as {
      deliveries: Array<Record<string, unknown>>;
    };
    expect(log1.deliveries).toEqual([
      expect.objectContaining({ event: 'absence.created', status: 'pending', attempts: 1, lastStatus: 500, lastError: 'HTTP 500' }),
    ]);
    const next = Date.parse(String(log1.deliveries[0]?.nextAttemptAt)) - Date.parse(String(log1.deliveries[0]?.createdAt));
    expect(next).toBeLessThanOrEqual(30_000);

    await sleep(FAST.retryBaseMs + 20);
    expect(await deliverDue(t.ctx)).toBe(1);
    expect(receiver.requests.map((x) => x.answered)).toEqual([500, 200]);
    const [a, b] = receiver.requests;
    expect(JSON.parse(b!.body).id).toBe(JSON.parse(a!.body).id);
    expect(b!.headers['x-vuoro-idempotency-key']).toBe(a!.headers['x-vuoro-idempotency-key']);
    expect(verify(hook.secret, String(b!.headers['x-vuoro-signature']), b!.body).ok).toBe(true);
    const log2 = (await request(t.app).get(`/api/v1/webhooks/${hook.id}`).set('Authorization', `Bearer ${token}`)).body as {
      deliveries: unknown[];
      consecutiveFailures: number;
    };
    expect(log2.deliveries).toEqual([expect.objectContaining({ status: 'sent', attempts: 2, lastStatus: 200, lastError: null })]);
    expect(log2.consecutiveFailures).toBe(0);
    expect(await deliverDue(t.ctx)).toBe(0);
  });

  it('when the receiver keeps failing, then after N failures the webhook is disabled, its queue cancelled and every admin told in the inbox', async () => {
    const { t, receiver, admin, token } = await setup(() => 500);
    const r = makeRegion(t.db);
    const hook = await register(t, token, { url: receiver.url, events: ['absence.created'] });
    const adviser = makeAdviser(t.db, r.cities.helsinki);
    await enterAbsence(t, token, adviser, '2027-06-01');
    await enterAbsence(t, token, adviser, '2027-06-03');
    const worker = startOutboxWorker(t.ctx);
    cleanups.push(() => worker.stop());
    const active = () => (t.db.prepare('SELECT active FROM webhooks WHERE id = ?').get(hook.id) as { active: number }).active;
    await until(() => active() === 0, 10_000, 'the webhook to be disabled');
    await sleep(300);
    await worker.stop();
    expect(receiver.requests).toHaveLength(FAST.webhookDisableAfter);
    const statuses = t.db.prepare('SELECT status FROM outbox WHERE webhook_id = ? ORDER BY id').all(hook.id) as Array<{ status: string }>;
    expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    const notice = t.db.prepare('SELECT user_id, subject, body FROM notifications WHERE user_id = ?').all(admin.id) as Array<{ subject: string; body: string }>;
    expect(notice).toEqual([expect.objectContaining({ subject: 'Webhook disabled after 3 failed deliveries' })]);
    expect(notice[0]?.body).toContain(receiver.url);

    // Disabled: new events are not queued for it.
    await enterAbsence(t, token, adviser, '2027-06-05');
    expect(t.db.prepare('SELECT count(*) AS n FROM outbox WHERE webhook_id = ?').get(hook.id)).toEqual({ n: 2 });
    const list = (await request(t.app).get('/api/v1/webhooks').set('Authorization', `Bearer ${token}`)).body as Array<{
      active: boolean;
      disabledAt: string | null;
    }>;
    expect(list[0]).toMatchObject({ active: false, disabledAt: expect.any(String) });
  });
});

describe('on_duty.changed and Teams', () => {
  function runningTurn(t: TestApp) {
    const r = makeRegion(t.db);
    const aino = makeAdviser(t.db, r.cities.espoo, { name: 'Aino Virtanen', skills: [r.services.phone], maxHoursPerWeek: 40 });
    const now = Date.now();
    const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const turn = makeTurn(t.db, {
      serviceId: r.services.phone,
      cityId: r.cities.espoo,
      status: 'published',
      date: localToday(new Date(now)),
      startAt: iso(now - 60_000),
      endAt: iso(now + 2 * 3_600_000),
      adviserIds: [aino],
    });
    return { r, aino, turn, startedBefore: iso(now - 5 * 60_000) };
  }

  it('when a turn starts, then a Teams webhook gets one Adaptive Card "On duty now: Phone advisory, Espoo: Aino Virtanen", even with two workers ticking', async () => {
    const { t, receiver, token } = await setup();
    const { startedBefore } = runningTurn(t);
    await register(t, token, { url: receiver.url, events: ['on_duty.changed'], format: 'teams', language: 'en' });
    t.db.prepare('INSERT INTO worker_state (key, value) VALUES (?, ?)').run('on_duty.announced_until', startedBefore);
    expect(announceTurnStarts(t.ctx)).toBe(1);
    expect(announceTurnStarts(t.ctx)).toBe(0);
    expect(await deliverDue(t.ctx)).toBe(1);

    expect(receiver.requests).toHaveLength(1);
    const card = JSON.parse(receiver.requests[0]!.body) as {
      type: string;
      attachments: Array<{
        contentType: string;
        content: { type: string; version: string; body: Array<{ type: string; text: string }>; actions: Array<{ type: string; url: string }> };
      }>;
    };
    expect(card.type).toBe('message');
    expect(card.attachments).toHaveLength(1);
    expect(card.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const content = card.attachments[0]!.content;
    expect(content.type).toBe('AdaptiveCard');
    expect(content.version).toBe('1.4');
    expect(content.body.every((b) => b.type === 'TextBlock')).toBe(true);
    expect(content.body.map((b) => b.text)).toContain('On duty now: Phone advisory, Espoo: Aino Virtanen');
    expect(content.actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: 'https://vuoro.example/' });
  });

  it('when the first tick runs on a new deployment, then it only marks the time and announces nothing from the past', async () => {
    const { t, receiver, token } = await setup();
    runningTurn(t);
    await register(t, token, { url: receiver.url, events: ['on_duty.changed'] });
    expect(announceTurnStarts(t.ctx)).toBe(0);
    expect(t.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('when the people of the running turn change, then JSON webhooks get turn.changed and on_duty.changed with the new people', async () => {
    const { t, receiver, token } = await setup();
    const { r, turn } = runningTurn(t);
    await register(t, token, { url: receiver.url, events: ['turn.changed', 'on_duty.changed'] });
    const bertil = makeAdviser(t.db, r.cities.espoo, { name: 'Bertil Ek', skills: [r.services.phone], maxHoursPerWeek: 40 });
    const version = (t.db.prepare('SELECT version FROM turns WHERE id = ?').get(turn) as { version: number }).version;
    const res = await request(t.app)
      .put(`/api/v1/turns/${turn}/assignments`)
      .set('Authorization', `Bearer ${token}`)
      .send({ adviserIds: [bertil], version });
    expect(res.status).toBe(200);
    expect(await deliverDue(t.ctx)).toBe(2);
    const bodies = receiver.requests.map((x) => JSON.parse(x.body) as { type: string; data: Record<string, unknown> });
    expect(bodies.map((b) => b.type).sort()).toEqual(['on_duty.changed', 'turn.changed']);
    const duty = bodies.find((b) => b.type === 'on_duty.changed')!;
    expect(duty.data).toMatchObject({
      reason: 'staff_changed',
      service: 'phone',
      city: 'espoo',
      turn: { id: turn, version: version + 1, advisers: [{ id: bertil, name: 'Bertil Ek' }] },
    });
    const changed = bodies.find((b) => b.type === 'turn.changed')!;
    expect(changed.data).toMatchObject({ added: [bertil], removed: [expect.any(Number)] });
  });
});

describe('the admin pages', () => {
  it('when an admin adds a webhook on the page, then the secret is shown once, the list and delivery log show it, and an adviser is refused', async () => {
    const { t, receiver } = await setup();
    const { browser } = await loggedIn(t, 'admin');
    expect((await browser.get('/admin/webhooks')).status).toBe(200);
    const bad = await browser.post('/admin/webhooks', { url: 'ftp://x.test/', events: 'turn.changed', format: 'json', language: 'fi' });
    expect(bad.status).toBe(400);
    const created = await browser.post('/admin/webhooks', { url: receiver.url, events: ['turn.changed', 'roster.published'], format: 'teams', language: 'sv' });
    expect(created.status).toBe(201);
    const secret = /value="(whsec_[^"]+)"/.exec(created.text)?.[1];
    expect(secret).toBeDefined();
    const list = await browser.get('/admin/webhooks');
    expect(list.text).toContain(receiver.url);
    expect(list.text).not.toContain(secret!);
    const id = (t.db.prepare('SELECT id FROM webhooks').get() as { id: number }).id;
    const show = await browser.get(`/admin/webhooks/${id}`);
    expect(show.status).toBe(200);
    expect(show.text).not.toContain(secret!);
    const { browser: adviser } = await loggedIn(t, 'adviser', { adviserId: makeAdviser(t.db, makeRegion(t.db).cities.espoo) });
    expect((await adviser.get('/admin/webhooks')).status).toBe(403);
  });
});
