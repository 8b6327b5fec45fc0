import { describe, expect, it } from 'vitest';
import { apiToken, makeUser } from './helpers/app.js';
import { makeTurn } from './helpers/factories.js';
import { api, kinds, staffOf, versionOf, workflowApp } from './workflow.helpers.js';

const DAY = '2027-05-04';

/** Anna (Espoo) on a published email turn; Bertil already works 8 h that week, the others nothing. */
function scene() {
  const w = workflowApp(4);
  const [anna, bertil, cecilia, david] = w.advisers.espoo as [number, number, number, number];
  const turn = makeTurn(w.t.db, {
    serviceId: w.services.email,
    date: DAY,
    startAt: `${DAY}T05:00:00Z`,
    endAt: `${DAY}T13:00:00Z`,
    cityId: w.cities.espoo,
    status: 'published',
    adviserIds: [anna],
  });
  makeTurn(w.t.db, {
    serviceId: w.services.email,
    date: '2027-05-07',
    startAt: '2027-05-07T05:00:00Z',
    endAt: '2027-05-07T13:00:00Z',
    cityId: w.cities.espoo,
    status: 'published',
    adviserIds: [bertil],
  });
  return { ...w, anna, bertil, cecilia, david, turn };
}

describe('replacements for an absence', () => {
  it('when an absence hits a published turn, then the candidates are the free colleagues, least loaded this week first', async () => {
    const w = scene();
    const sup = api(w.t, apiToken(w.t, (await makeUser(w.t, 'supervisor', { cityId: w.cities.espoo })).id));
    const created = await sup.post('/api/v1/absences', { adviserId: w.anna, from: DAY, to: DAY, reason: 'flu' });
    expect(created.status).toBe(201);
    expect(created.body.affectedPublishedTurns).toBe(1);
    const list = await sup.get(`/api/v1/absences/${created.body.id}/replacements`);
    expect(list.status).toBe(200);
    expect(list.body.turns).toHaveLength(1);
    const ids = (list.body.turns[0].candidates as Array<{ adviserId: number }>).map((c) => c.adviserId);
    expect(ids).toEqual([w.cecilia, w.david, w.bertil]);
    expect(list.body.turns[0].candidates[2]).toMatchObject({ weekHours: 8 });
  });

  it('when the supervisor applies a candidate, then the turn has them, its version grows and the log records it; a stale second apply gets 409', async () => {
    const w = scene();
    const sup = api(w.t, apiToken(w.t, (await makeUser(w.t, 'supervisor', { cityId: w.cities.espoo })).id));
    const created = await sup.post('/api/v1/absences', { adviserId: w.anna, from: DAY, to: DAY });
    const url = `/api/v1/absences/${created.body.id}/replacements`;
    const applied = await sup.post(url, { turnId: w.turn, adviserId: w.cecilia, version: 1 });
    expect(applied.status).toBe(200);
    expect(applied.body).toEqual({ turnId: w.turn, version: 2, adviserIds: [w.cecilia] });
    expect(kinds(w.t)).toEqual(['absence.create', 'absence.replace']);
    const again = await sup.post(url, { turnId: w.turn, adviserId: w.david, version: 1 });
    expect(again.status).toBe(409);
    expect(staffOf(w.t, w.turn)).toEqual([w.cecilia]);
    expect(versionOf(w.t, w.turn)).toBe(2);
  });

  it("when Vantaa's supervisor applies a replacement on Espoo's turn, then 403 and nothing changes; an adviser cannot even list them", async () => {
    const w = scene();
    const espoo = api(w.t, apiToken(w.t, (await makeUser(w.t, 'supervisor', { cityId: w.cities.espoo })).id));
    const vantaa = api(w.t, apiToken(w.t, (await makeUser(w.t, 'supervisor', { cityId: w.cities.vantaa })).id));
    const adviser = api(w.t, apiToken(w.t, (await makeUser(w.t, 'adviser', { adviserId: w.anna })).id));
    const created = await espoo.post('/api/v1/absences', { adviserId: w.anna, from: DAY, to: DAY });
    const url = `/api/v1/absences/${created.body.id}/replacements`;
    expect((await vantaa.post(url, { turnId: w.turn, adviserId: w.cecilia, version: 1 })).status).toBe(403);
    expect((await adviser.get(url)).status).toBe(403);
    expect(staffOf(w.t, w.turn)).toEqual([w.anna]);
  });

  it('when a candidate would break a rule, then 422 with the violations and nothing changes', async () => {
    const w = scene();
    const sup = api(w.t, apiToken(w.t, (await makeUser(w.t, 'supervisor', { cityId: w.cities.espoo })).id));
    const created = await sup.post('/api/v1/absences', { adviserId: w.anna, from: DAY, to: DAY });
    makeTurn(w.t.db, {
      serviceId: w.services.phone,
      date: DAY,
      startAt: `${DAY}T06:00:00Z`,
      endAt: `${DAY}T09:00:00Z`,
      cityId: w.cities.espoo,
      status: 'published',
      headcount: 1,
      adviserIds: [w.david],
    });
    const res = await sup.post(`/api/v1/absences/${created.body.id}/replacements`, { turnId: w.turn, adviserId: w.david, version: 1 });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ code: 'overlap', adviserId: w.david }));
    expect(staffOf(w.t, w.turn)).toEqual([w.anna]);
  });
});
