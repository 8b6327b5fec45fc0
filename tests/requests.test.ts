import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeUser } from './helpers/app.js';
import { makeTurn } from './helpers/factories.js';
import { api, inbox, kinds, NOW, staffOf, versionOf, workflowApp } from './workflow.helpers.js';

const DAY = '2027-05-03';

async function supervisors(w: ReturnType<typeof workflowApp>) {
  const espoo = await makeUser(w.t, 'supervisor', { cityId: w.cities.espoo });
  const vantaa = await makeUser(w.t, 'supervisor', { cityId: w.cities.vantaa });
  return { espoo: api(w.t, apiToken(w.t, espoo.id)), vantaa: api(w.t, apiToken(w.t, vantaa.id)) };
}

describe('moving a turn to another city', () => {
  it('when Espoo asks and Vantaa accepts, then the turn is Vantaa’s (pinned), its Espoo advisers are cleared and told, and the log has both steps', async () => {
    const w = workflowApp();
    const [anna] = w.advisers.espoo as [number];
    const turn = makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: DAY,
      startAt: `${DAY}T05:00:00Z`,
      endAt: `${DAY}T13:00:00Z`,
      cityId: w.cities.espoo,
      status: 'published',
      adviserIds: [anna],
    });
    const s = await supervisors(w);
    const asked = await s.espoo.post(`/api/v1/turns/${turn}/city-move`, { cityId: w.cities.vantaa, version: 1, reason: 'Espoo training day' });
    expect(asked.status).toBe(201);
    expect(w.t.db.prepare('SELECT city_id FROM turns WHERE id = ?').get(turn)).toEqual({ city_id: w.cities.espoo });
    // Espoo cannot accept its own request for Vantaa.
    expect((await s.espoo.post(`/api/v1/city-moves/${asked.body.id}/decision`, { decision: 'accept', version: 1 })).status).toBe(403);
    const listed = await s.vantaa.get('/api/v1/requests');
    expect(listed.body.moves).toEqual([expect.objectContaining({ id: asked.body.id, status: 'pending', canAccept: true, reason: 'Espoo training day' })]);
    const accepted = await s.vantaa.post(`/api/v1/city-moves/${asked.body.id}/decision`, { decision: 'accept', version: 1 });
    expect(accepted.status).toBe(200);
    expect(w.t.db.prepare('SELECT city_id, city_pinned, version FROM turns WHERE id = ?').get(turn)).toEqual({
      city_id: w.cities.vantaa,
      city_pinned: 1,
      version: 2,
    });
    expect(staffOf(w.t, turn)).toEqual([]);
    expect(inbox(w.t, anna)).toHaveLength(1);
    expect(kinds(w.t)).toEqual(['turn.city_move_request', 'turn.city_move']);
    // Vantaa now staffs it; Espoo no longer may.
    expect((await s.espoo.put(`/api/v1/turns/${turn}/assignments`, { adviserIds: [anna], version: 2 })).status).toBe(403);
    expect((await s.vantaa.put(`/api/v1/turns/${turn}/assignments`, { adviserIds: [w.advisers.vantaa[1]], version: 2 })).status).toBe(200);
  });

  it('when the turn changed after the request, then accepting is refused with 409 and the turn stays where it was', async () => {
    const w = workflowApp();
    const turn = makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: DAY,
      startAt: `${DAY}T05:00:00Z`,
      endAt: `${DAY}T13:00:00Z`,
      cityId: w.cities.espoo,
      adviserIds: [w.advisers.espoo[0] as number],
    });
    const s = await supervisors(w);
    expect((await s.espoo.post(`/api/v1/turns/${turn}/city-move`, { cityId: w.cities.vantaa, version: 2 })).status).toBe(409);
    const asked = await s.espoo.post(`/api/v1/turns/${turn}/city-move`, { cityId: w.cities.vantaa, version: 1 });
    expect(asked.status).toBe(201);
    expect((await s.espoo.post(`/api/v1/turns/${turn}/city-move`, { cityId: w.cities.helsinki, version: 1 })).status).toBe(409);
    expect((await s.espoo.put(`/api/v1/turns/${turn}/assignments`, { adviserIds: [w.advisers.espoo[1]], version: 1 })).status).toBe(200);
    const accepted = await s.vantaa.post(`/api/v1/city-moves/${asked.body.id}/decision`, { decision: 'accept', version: 1 });
    expect(accepted.status).toBe(409);
    expect(w.t.db.prepare('SELECT city_id FROM turns WHERE id = ?').get(turn)).toEqual({ city_id: w.cities.espoo });
    expect(staffOf(w.t, turn)).toEqual([w.advisers.espoo[1]]);
  });

  it('when a supervisor asks from the turn form and the other city declines on the requests page, then nothing moves', async () => {
    const w = workflowApp();
    const turn = makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: DAY,
      startAt: `${DAY}T05:00:00Z`,
      endAt: `${DAY}T13:00:00Z`,
      cityId: w.cities.espoo,
      adviserIds: [w.advisers.espoo[0] as number],
    });
    const { browser: espoo } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.espoo });
    const bad = await espoo.post(`/roster/turns/${turn}/move`, { cityId: '', version: '1', reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('aria-invalid="true"');
    expect((await espoo.post(`/roster/turns/${turn}/move`, { cityId: String(w.cities.vantaa), version: '1', reason: 'x' })).status).toBe(303);
    const { browser: vantaa } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.vantaa });
    const page = await vantaa.get('/requests');
    expect(page.status).toBe(200);
    const id = Number(/action="\/requests\/moves\/(\d+)"/.exec(page.text)?.[1]);
    expect((await vantaa.post(`/requests/moves/${id}`, { decision: 'decline', version: '1' })).status).toBe(303);
    expect(w.t.db.prepare('SELECT status FROM city_move_requests WHERE id = ?').get(id)).toEqual({ status: 'declined' });
    expect(versionOf(w.t, turn)).toBe(1);
  });
});

describe('swaps and cover', () => {
  function setup(clock: { now: Date }) {
    const w = workflowApp();
    w.t.ctx.clock.now = () => clock.now;
    const [anna, bertil] = w.advisers.vantaa as [number, number];
    const turn = makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: DAY,
      startAt: `${DAY}T05:00:00Z`,
      endAt: `${DAY}T13:00:00Z`,
      cityId: w.cities.vantaa,
      status: 'published',
      adviserIds: [anna],
    });
    return { ...w, anna, bertil, turn };
  }

  it('when the colleague refuses, then nothing changes and the asker is told', async () => {
    const clock = { now: NOW };
    const w = setup(clock);
    const annaApi = api(w.t, apiToken(w.t, (await makeUser(w.t, 'adviser', { adviserId: w.anna })).id));
    const bertilApi = api(w.t, apiToken(w.t, (await makeUser(w.t, 'adviser', { adviserId: w.bertil })).id));
    const asked = await annaApi.post('/api/v1/swaps', { turnId: w.turn, targetId: w.bertil });
    expect(asked.status).toBe(201);
    // Only the asked colleague answers.
    expect((await annaApi.post(`/api/v1/swaps/${asked.body.id}/response`, { decision: 'accept', version: 1 })).status).toBe(403);
    expect((await bertilApi.post(`/api/v1/swaps/${asked.body.id}/response`, { decision: 'refuse', version: 1 })).status).toBe(200);
    expect(staffOf(w.t, w.turn)).toEqual([w.anna]);
    expect(inbox(w.t, w.anna).length).toBe(1);
    expect((await annaApi.get('/api/v1/requests')).body.swaps[0]).toMatchObject({ status: 'refused' });
  });

  it("when Espoo's supervisor approves a swap of Vantaa's turn, then 403; when the turn starts before approval, then the request is expired and cannot be approved", async () => {
    const clock = { now: NOW };
    const w = setup(clock);
    const annaApi = api(w.t, apiToken(w.t, (await makeUser(w.t, 'adviser', { adviserId: w.anna })).id));
    const bertilApi = api(w.t, apiToken(w.t, (await makeUser(w.t, 'adviser', { adviserId: w.bertil })).id));
    const s = await supervisors(w);
    const asked = await annaApi.post('/api/v1/swaps', { turnId: w.turn, targetId: w.bertil, message: 'wedding' });
    expect((await bertilApi.post(`/api/v1/swaps/${asked.body.id}/response`, { decision: 'accept', version: 1 })).status).toBe(200);
    expect((await s.espoo.post(`/api/v1/swaps/${asked.body.id}/decision`, { decision: 'approve', version: 2 })).status).toBe(403);
    expect((await s.espoo.get('/api/v1/requests')).body.swaps).toEqual([]);
    clock.now = new Date(`${DAY}T05:00:00Z`);
    expect((await s.vantaa.get('/api/v1/requests')).body.swaps[0]).toMatchObject({ status: 'expired', canDecide: false });
    const late = await s.vantaa.post(`/api/v1/swaps/${asked.body.id}/decision`, { decision: 'approve', version: 2 });
    expect(late.status).toBe(409);
    expect(staffOf(w.t, w.turn)).toEqual([w.anna]);
    expect(w.t.db.prepare('SELECT count(*) AS n FROM swap_approvals').get()).toEqual({ n: 0 });
  });

  it('when the swap would break a rule, then asking is refused with the validator’s violations', async () => {
    const clock = { now: NOW };
    const w = setup(clock);
    // Bertil is already on an overlapping phone turn.
    makeTurn(w.t.db, {
      serviceId: w.services.phone,
      date: DAY,
      startAt: `${DAY}T06:00:00Z`,
      endAt: `${DAY}T09:00:00Z`,
      cityId: w.cities.vantaa,
      status: 'published',
      headcount: 1,
      adviserIds: [w.bertil],
    });
    const annaApi = api(w.t, apiToken(w.t, (await makeUser(w.t, 'adviser', { adviserId: w.anna })).id));
    const res = await annaApi.post('/api/v1/swaps', { turnId: w.turn, targetId: w.bertil });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ code: 'overlap', adviserId: w.bertil }));
    expect(w.t.db.prepare('SELECT count(*) AS n FROM swap_requests').get()).toEqual({ n: 0 });
  });

  it("when an adviser asks about someone else's turn, then 403", async () => {
    const clock = { now: NOW };
    const w = setup(clock);
    const bertilApi = api(w.t, apiToken(w.t, (await makeUser(w.t, 'adviser', { adviserId: w.bertil })).id));
    expect((await bertilApi.post('/api/v1/swaps', { turnId: w.turn, targetId: w.advisers.vantaa[2] })).status).toBe(403);
  });
});
