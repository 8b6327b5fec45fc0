import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeUser } from './helpers/app.js';
import { makeAdviser, makeTurn } from './helpers/factories.js';
import { rosterApp } from './roster-views-fixtures.js';

async function client(role: 'admin' | 'supervisor' | 'adviser' = 'adviser') {
  const data = rosterApp();
  const user = await makeUser(data.t, role, role === 'adviser' ? { adviserId: data.advisers.cecilia } : { cityId: data.region.cities.helsinki });
  const token = apiToken(data.t, user.id);
  const get = (query: string) => request(data.t.app).get(`/api/v1/on-duty?${query}`).set('Authorization', `Bearer ${token}`);
  return { ...data, get };
}

describe('GET /api/v1/on-duty', () => {
  it('when a turn is running at the instant, then it answers with the turn, its city and advisers', async () => {
    const { get, turns, advisers } = await client();
    const res = await get(`service=phone&at=${encodeURIComponent('2027-03-24T11:59:59+02:00')}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      service: 'phone',
      at: '2027-03-24T09:59:59Z',
      turn: {
        id: turns.phoneMorning,
        service: 'phone',
        city: 'helsinki',
        start: '2027-03-24T07:00:00Z',
        end: '2027-03-24T10:00:00Z',
        headcount: 2,
        language: 'sv',
        status: 'published',
        version: 1,
        assignments: expect.arrayContaining([
          { id: expect.any(Number), adviserId: advisers.anna, pinned: false },
          { id: expect.any(Number), adviserId: advisers.aino, pinned: false },
        ]),
      },
      city: 'helsinki',
      advisers: [
        { id: advisers.aino, name: 'Aino Ahonen' },
        { id: advisers.anna, name: 'Anna Aalto' },
      ],
    });
  });

  it('when the instant is the end of one turn and the start of the next, then the next one is on duty', async () => {
    const { get, turns } = await client();
    const res = await get('service=phone&at=2027-03-24T10:00:00Z');
    expect(res.status).toBe(200);
    expect(res.body.turn.id).toBe(turns.phoneAfternoon);
    expect(res.body.city).toBe('espoo');
  });

  it('when no turn is running, then turn and city are null and advisers empty', async () => {
    const { get } = await client();
    for (const at of ['2027-03-24T16:00:00+02:00', '2027-03-23T10:00:00+02:00', '2027-03-24T06:59:59Z']) {
      const res = await get(`service=phone&at=${encodeURIComponent(at)}`);
      expect(res.status, at).toBe(200);
      expect(res.body, at).toMatchObject({ service: 'phone', turn: null, city: null, advisers: [] });
    }
  });

  it('when only a draft turn runs, then nobody is on duty', async () => {
    const { get } = await client('admin');
    const res = await get('service=email&at=2027-03-25T10:00:00%2B02:00');
    expect(res.status).toBe(200);
    expect(res.body.turn).toBeNull();
  });

  it("when at is left out, then the clock's now is used", async () => {
    const { get, turns } = await client('supervisor');
    const res = await get('service=phone');
    expect(res.status).toBe(200);
    expect(res.body.at).toBe('2027-03-24T08:30:00Z');
    expect(res.body.turn.id).toBe(turns.phoneMorning);
  });

  it("when the offset's plus sign arrives unencoded as a space, then it is still understood", async () => {
    const { get, turns } = await client();
    const res = await get('service=phone&at=2027-03-24T13:00:00+02:00');
    expect(res.status).toBe(200);
    expect(res.body.turn.id).toBe(turns.phoneAfternoon);
  });

  it('when the instant falls after the clock change, then the summer-time turn is found', async () => {
    const { get, t, region } = await client();
    const id = makeTurn(t.db, {
      serviceId: region.services.phone,
      date: '2027-03-29',
      startAt: '2027-03-29T06:00:00Z',
      endAt: '2027-03-29T09:00:00Z',
      cityId: region.cities.vantaa,
      status: 'published',
    });
    const res = await get(`service=phone&at=${encodeURIComponent('2027-03-29T09:00:00+03:00')}`);
    expect(res.body.turn.id).toBe(id);
    expect(res.body.advisers).toEqual([]);
  });

  it.each([
    ['service=fax', 'service'],
    ['', 'service'],
    ['service=phone&at=tomorrow', 'at'],
    ['service=phone&at=2027-03-24T10:00:00', 'at'],
    ['service=phone&at=2027-03-24', 'at'],
    ['service=phone&at=2027-02-30T10:00:00Z', 'at'],
    ['service=phone&service=email', 'service'],
  ])('when the query is "%s", then 400 with the field %s in the details', async (query, field) => {
    const { get } = await client();
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('when called without a token or with a bad one, then 401; with a browser session, then it answers', async () => {
    const { t, region } = rosterApp();
    expect((await request(t.app).get('/api/v1/on-duty?service=phone')).status).toBe(401);
    expect((await request(t.app).get('/api/v1/on-duty?service=phone').set('Authorization', 'Bearer nope-nope-nope-nope-nope')).status).toBe(401);
    const { browser } = await loggedIn(t, 'adviser', { adviserId: makeAdviser(t.db, region.cities.espoo) });
    const res = await browser.get('/api/v1/on-duty?service=phone', { Accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.body.service).toBe('phone');
  });
});
