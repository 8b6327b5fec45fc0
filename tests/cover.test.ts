import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeUser } from './helpers/app.js';
import { makeAbsence, makeTurn } from './helpers/factories.js';
import { api, inbox, kinds, staffOf, tokenFor, workflowApp } from './workflow.helpers.js';

const DAY = '2027-05-04';

function coverSetup() {
  const w = workflowApp(4);
  const [mine, a, b, c] = w.advisers.vantaa as [number, number, number, number];
  const turn = makeTurn(w.t.db, {
    serviceId: w.services.email,
    date: DAY,
    startAt: `${DAY}T05:00:00Z`,
    endAt: `${DAY}T13:00:00Z`,
    cityId: w.cities.vantaa,
    status: 'published',
    adviserIds: [mine],
  });
  return { w, mine, a, b, c, turn };
}

describe('offering a turn to anyone (cover)', () => {
  it('when two colleagues take one cover at the same moment, then exactly one gets 201 and the other 409', async () => {
    const { w, mine, a, b, turn } = coverSetup();
    const me = api(w.t, await tokenFor(w.t, 'adviser', { adviserId: mine }));
    const offered = await me.post('/api/v1/covers', { turnId: turn });
    expect(offered.status).toBe(201);
    const [ta, tb] = [api(w.t, await tokenFor(w.t, 'adviser', { adviserId: a })), api(w.t, await tokenFor(w.t, 'adviser', { adviserId: b }))];
    const answers = await Promise.all([
      ta.post(`/api/v1/covers/${offered.body.id}/take`, { version: 1 }),
      tb.post(`/api/v1/covers/${offered.body.id}/take`, { version: 1 }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const row = w.t.db.prepare('SELECT status, taker_id FROM cover_requests WHERE id = ?').get(offered.body.id) as { status: string; taker_id: number };
    expect(row.status).toBe('taken');
    expect([a, b]).toContain(row.taker_id);
    // Nothing is applied before a supervisor approves.
    expect(staffOf(w.t, turn)).toEqual([mine]);
  });

  it('when a supervisor of the city approves a taken cover, then the taker is on the turn and the log has every step', async () => {
    const { w, mine, a, turn } = coverSetup();
    const me = api(w.t, await tokenFor(w.t, 'adviser', { adviserId: mine }));
    const id = (await me.post('/api/v1/covers', { turnId: turn, message: 'dentist' })).body.id as number;
    expect(inbox(w.t, a)).toEqual(['Sinulle tarjotaan vuoroa']);
    const taker = api(w.t, await tokenFor(w.t, 'adviser', { adviserId: a }));
    expect((await taker.get('/api/v1/covers')).body).toEqual([expect.objectContaining({ id, canTake: true, status: 'open' })]);
    expect((await taker.post(`/api/v1/covers/${id}/take`, { version: 1 })).body).toEqual({ id, status: 'taken' });
    const espoo = api(w.t, await tokenFor(w.t, 'supervisor', { cityId: w.cities.espoo }));
    expect((await espoo.post(`/api/v1/covers/${id}/decision`, { decision: 'approve', version: 2 })).status).toBe(403);
    const vantaa = api(w.t, await tokenFor(w.t, 'supervisor', { cityId: w.cities.vantaa }));
    expect((await vantaa.post(`/api/v1/covers/${id}/decision`, { decision: 'approve', version: 1 })).status).toBe(409);
    expect((await vantaa.post(`/api/v1/covers/${id}/decision`, { decision: 'approve', version: 2 })).body).toEqual({ id, status: 'approved' });
    expect(staffOf(w.t, turn)).toEqual([a]);
    expect(kinds(w.t)).toEqual(['cover.offer', 'cover.take', 'turn.assign', 'cover.approve']);
  });

  it('when a colleague is absent or already busy, then they do not see the cover and taking it is refused with 422', async () => {
    const { w, mine, a, b, turn } = coverSetup();
    makeAbsence(w.t.db, a, DAY, DAY);
    makeTurn(w.t.db, {
      serviceId: w.services.phone,
      date: DAY,
      startAt: `${DAY}T06:00:00Z`,
      endAt: `${DAY}T09:00:00Z`,
      cityId: w.cities.vantaa,
      status: 'published',
      adviserIds: [b],
    });
    const me = api(w.t, await tokenFor(w.t, 'adviser', { adviserId: mine }));
    const id = (await me.post('/api/v1/covers', { turnId: turn })).body.id as number;
    for (const colleague of [a, b]) {
      const them = api(w.t, await tokenFor(w.t, 'adviser', { adviserId: colleague }));
      expect((await them.get('/api/v1/covers')).body).toEqual([]);
      const taken = await them.post(`/api/v1/covers/${id}/take`, { version: 1 });
      expect(taken.status).toBe(422);
      expect(inbox(w.t, colleague)).toEqual([]);
    }
    // Only one open request per turn; a second answers 409.
    expect((await me.post('/api/v1/covers', { turnId: turn })).status).toBe(409);
  });

  it('when the service needs no approval, then a cover taken and a swap accepted apply at once', async () => {
    const { w, mine, a, b, turn } = coverSetup();
    const admin = api(w.t, await tokenFor(w.t, 'admin'));
    expect((await admin.put(`/api/v1/services/${w.services.email}/approval`, { swapsNeedApproval: false, version: 1 })).status).toBe(200);
    expect((await admin.put(`/api/v1/services/${w.services.email}/approval`, { swapsNeedApproval: false, version: 1 })).status).toBe(409);
    const me = api(w.t, await tokenFor(w.t, 'adviser', { adviserId: mine }));
    const id = (await me.post('/api/v1/covers', { turnId: turn })).body.id as number;
    const taker = api(w.t, await tokenFor(w.t, 'adviser', { adviserId: a }));
    expect((await taker.post(`/api/v1/covers/${id}/take`, { version: 1 })).body).toEqual({ id, status: 'approved' });
    expect(staffOf(w.t, turn)).toEqual([a]);
    // A swap of that email turn: b accepts, and it is applied without a supervisor.
    const swap = await taker.post('/api/v1/swaps', { turnId: turn, targetId: b });
    expect(swap.status).toBe(201);
    const bApi = api(w.t, await tokenFor(w.t, 'adviser', { adviserId: b }));
    expect((await bApi.post(`/api/v1/swaps/${swap.body.id}/response`, { decision: 'accept', version: 1 })).body).toEqual({
      id: swap.body.id,
      status: 'approved',
    });
    expect(staffOf(w.t, turn)).toEqual([b]);
    expect(kinds(w.t)).toContain('service.approval');
  });

  it('when an adviser offers from the page and a colleague takes it there, then both pages answer and a second take shows the reason with 409', async () => {
    const { w, mine, a, b, turn } = coverSetup();
    const { browser: me } = await loggedIn(w.t, 'adviser', { adviserId: mine });
    expect((await me.post('/covers', { turnId: String(turn) })).status).toBe(303);
    const id = (w.t.db.prepare('SELECT id FROM cover_requests').get() as { id: number }).id;
    const { browser: ta } = await loggedIn(w.t, 'adviser', { adviserId: a });
    const page = await ta.get('/covers');
    expect(page.text).toContain(`id="cover-${id}"`);
    expect(page.text).toContain(`action="/covers/${id}/take"`);
    expect((await ta.post(`/covers/${id}/take`, { version: '1' })).status).toBe(303);
    const { browser: tb } = await loggedIn(w.t, 'adviser', { adviserId: b });
    const late = await tb.post(`/covers/${id}/take`, { version: '1' });
    expect(late.status).toBe(409);
    expect(late.text).toContain('Someone else took this turn first.');
    const sup = await makeUser(w.t, 'supervisor', { cityId: w.cities.vantaa });
    const supApi = api(w.t, apiToken(w.t, sup.id));
    expect((await supApi.get('/api/v1/covers')).body).toEqual([expect.objectContaining({ id, status: 'taken', canDecide: true })]);
  });
});

describe('the approval setting on the service page', () => {
  it('when an admin unticks approval on the service page, then it is saved and logged; a supervisor may not', async () => {
    const w = workflowApp(1);
    const { browser: admin } = await loggedIn(w.t, 'admin');
    const page = await admin.get(`/services/${w.services.email}`);
    expect(page.text).toContain('name="swapsNeedApproval"');
    expect((await admin.post(`/services/${w.services.email}/approval`, { version: '1' })).status).toBe(303);
    expect(w.t.db.prepare('SELECT swaps_need_approval, version FROM services WHERE id = ?').get(w.services.email)).toEqual({
      swaps_need_approval: 0,
      version: 2,
    });
    expect(kinds(w.t)).toEqual(['service.approval']);
    const { browser: sup } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.vantaa });
    expect((await sup.post(`/services/${w.services.email}/approval`, { version: '2', swapsNeedApproval: 'on' })).status).toBe(403);
  });
});
