import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { notifyAdvisers } from '../src/features/notifications/rules.js';
import { apiToken, makeTestApp, makeUser } from './helpers/app.js';
import { makeAdviser, makeCity } from './helpers/factories.js';

const text = (subject: string) => ({ text: { fi: { subject, body: 'b' }, sv: { subject, body: 'b' }, en: { subject, body: 'b' } } });

describe('GET /api/v1/users', () => {
  it('when an admin asks, then every account comes in the contract shape without password hashes', async () => {
    const t = makeTestApp();
    const city = makeCity(t.db);
    const adviser = makeAdviser(t.db, city);
    const admin = await makeUser(t, 'admin');
    const sup = await makeUser(t, 'supervisor', { cityId: city });
    const adv = await makeUser(t, 'adviser', { adviserId: adviser });
    const res = await request(t.app)
      .get('/api/v1/users')
      .set('Authorization', `Bearer ${apiToken(t, admin.id)}`);
    expect(res.status).toBe(200);
    const byId = new Map((res.body as Array<{ id: number }>).map((u) => [u.id, u]));
    expect(byId.get(sup.id)).toEqual({
      id: sup.id,
      username: sup.username,
      name: `Test ${sup.username}`,
      role: 'supervisor',
      cityId: city,
      adviserId: null,
      active: true,
      version: 1,
    });
    expect(byId.get(adv.id)).toMatchObject({ role: 'adviser', adviserId: adviser, cityId: null });
    expect(byId.size).toBe(3);
    expect(JSON.stringify(res.body)).not.toMatch(/hash|password/i);
  });

  it('when a supervisor or adviser asks, then it is 403', async () => {
    const t = makeTestApp();
    const city = makeCity(t.db);
    for (const role of ['supervisor', 'adviser'] as const) {
      const u = await makeUser(t, role, role === 'supervisor' ? { cityId: city } : { adviserId: makeAdviser(t.db, city) });
      const res = await request(t.app)
        .get('/api/v1/users')
        .set('Authorization', `Bearer ${apiToken(t, u.id)}`);
      expect(res.status).toBe(403);
    }
  });
});

describe('GET /api/v1/inbox', () => {
  it('when an adviser asks, then only their own messages come, newest first, with read state', async () => {
    const t = makeTestApp();
    const city = makeCity(t.db);
    const mine = makeAdviser(t.db, city);
    const other = makeAdviser(t.db, city);
    const me = await makeUser(t, 'adviser', { adviserId: mine });
    await makeUser(t, 'adviser', { adviserId: other });
    const [first] = notifyAdvisers(t.ctx, [mine], text('First')).notificationIds;
    const [second] = notifyAdvisers(t.ctx, [mine], text('Second')).notificationIds;
    notifyAdvisers(t.ctx, [other], text('Not yours'));
    const res = await request(t.app)
      .get('/api/v1/inbox')
      .set('Authorization', `Bearer ${apiToken(t, me.id)}`);
    expect(res.status).toBe(200);
    expect(res.headers['x-total-count']).toBe('2');
    const body = res.body as Array<{ id: number; subject: string; read: boolean; readAt: string | null; createdAt: string }>;
    expect(body.map((n) => n.id)).toEqual([second, first]);
    expect(body.map((n) => n.subject)).toEqual(['Second', 'First']);
    expect(body.every((n) => n.read === false && n.readAt === null && typeof n.createdAt === 'string')).toBe(true);
  });

  it('when the page is not a positive number, then it is 400', async () => {
    const t = makeTestApp();
    const me = await makeUser(t, 'supervisor', { cityId: makeCity(t.db) });
    const res = await request(t.app)
      .get('/api/v1/inbox?page=0')
      .set('Authorization', `Bearer ${apiToken(t, me.id)}`);
    expect(res.status).toBe(400);
  });
});
