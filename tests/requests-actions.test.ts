import { describe, expect, it } from 'vitest';
import { apiToken, Browser, loggedIn, makeUser, type TestApp } from './helpers/app.js';
import { makeTurn } from './helpers/factories.js';
import { api, inbox, kinds, NOW, staffOf, workflowApp } from './workflow.helpers.js';

const DAY = '2027-05-03';

/** Anna (Vantaa) is on a published email turn and asks Bertil to take it. */
async function asked() {
  const w = workflowApp();
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
  const annaUser = await makeUser(w.t, 'adviser', { adviserId: anna });
  const bertilUser = await makeUser(w.t, 'adviser', { adviserId: bertil, language: 'fi' });
  const annaApi = api(w.t, apiToken(w.t, annaUser.id));
  const bertilApi = api(w.t, apiToken(w.t, bertilUser.id));
  const res = await annaApi.post('/api/v1/swaps', { turnId: turn, targetId: bertil });
  expect(res.status).toBe(201);
  return { ...w, anna, bertil, turn, annaApi, bertilApi, annaUser, bertilUser, swapId: res.body.id as number };
}

/** A logged-in browser for an existing user (an adviser has one user only). */
async function browserOf(t: TestApp, username: string): Promise<Browser> {
  const browser = new Browser(t.app);
  expect((await browser.login(username)).status).toBe(303);
  return browser;
}

const statusOf = (w: Awaited<ReturnType<typeof asked>>) =>
  w.t.db.prepare('SELECT status, version FROM swap_requests WHERE id = ?').get(w.swapId) as { status: string; version: number };

describe('withdrawing a swap request', () => {
  it('when the asker withdraws from /requests, then the request is cancelled, the colleague is told, the log has it and no button remains', async () => {
    const w = await asked();
    const browser = await browserOf(w.t, w.annaUser.username);
    const page = await browser.get('/requests');
    expect(page.text).toContain(`action="/requests/swaps/${w.swapId}/cancel"`);
    expect(page.text).toContain('Withdraw');
    const done = await browser.post(`/requests/swaps/${w.swapId}/cancel`, { version: '1' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/requests');
    expect(statusOf(w)).toEqual({ status: 'cancelled', version: 2 });
    expect(inbox(w.t, w.bertil).at(-1)).toContain('Pyyntö peruttu'); // Bertil reads Finnish
    expect(kinds(w.t)).toEqual(['swap.request', 'swap.cancel']);
    expect(staffOf(w.t, w.turn)).toEqual([w.anna]);
    const after = await browser.get('/requests');
    expect(after.text).toContain('Request withdrawn.');
    expect(after.text).not.toContain(`/requests/swaps/${w.swapId}/cancel`);
    expect(after.text).toContain('Cancelled');
  });

  it('when the asked colleague sees the request, then they get no withdraw button and withdrawing over the API is 403', async () => {
    const w = await asked();
    const browser = await browserOf(w.t, w.bertilUser.username);
    expect((await browser.get('/requests')).text).not.toContain('/cancel"');
    const res = await w.bertilApi.post(`/api/v1/swaps/${w.swapId}/cancel`, { version: 1 });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('Vain pyynnön tehnyt neuvoja');
    expect(statusOf(w).status).toBe('pending');
  });

  it('when the asker withdraws with an old version or without one, then 409 or 400 and the request stays', async () => {
    const w = await asked();
    expect((await w.bertilApi.post(`/api/v1/swaps/${w.swapId}/response`, { decision: 'accept', version: 1 })).status).toBe(200);
    expect((await w.annaApi.post(`/api/v1/swaps/${w.swapId}/cancel`, { version: 1 })).status).toBe(409);
    expect((await w.annaApi.post(`/api/v1/swaps/${w.swapId}/cancel`, {})).status).toBe(400);
    expect(statusOf(w)).toEqual({ status: 'accepted', version: 2 });
    // Accepted but not yet approved: still the asker's to withdraw.
    const res = await w.annaApi.post(`/api/v1/swaps/${w.swapId}/cancel`, { version: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: w.swapId, status: 'cancelled' });
  });

  it('when the request was refused or its turn has started, then withdrawing is 409', async () => {
    const w = await asked();
    expect((await w.bertilApi.post(`/api/v1/swaps/${w.swapId}/response`, { decision: 'refuse', version: 1 })).status).toBe(200);
    const refused = await w.annaApi.post(`/api/v1/swaps/${w.swapId}/cancel`, { version: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('already been answered');
    const v = await asked();
    v.t.ctx.clock.now = () => new Date(`${DAY}T05:00:00Z`);
    const late = await v.annaApi.post(`/api/v1/swaps/${v.swapId}/cancel`, { version: 1 });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('expired');
    expect(NOW.getTime()).toBeLessThan(Date.parse(`${DAY}T05:00:00Z`));
  });
});

describe('refusals from the /requests buttons', () => {
  it('when the colleague answers from an old page after the asker withdrew, then /requests is shown again with 409 and the reason at the top', async () => {
    const w = await asked();
    const browser = await browserOf(w.t, w.bertilUser.username);
    const page = await browser.get('/requests');
    expect(page.text).toContain(`/requests/swaps/${w.swapId}/respond`);
    expect((await w.annaApi.post(`/api/v1/swaps/${w.swapId}/cancel`, { version: 1 })).status).toBe(200);
    const res = await browser.post(`/requests/swaps/${w.swapId}/respond`, { decision: 'accept', version: '1' });
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/<div class="error-summary" role="alert"[^>]*>\s*<p><strong>Joku muu muutti tätä/);
    expect(res.text).toContain('Pyynnöt näytetään nykyisessä tilassaan');
    // The page itself, as it is now: the request is cancelled and offers no answer.
    expect(res.text).toContain('<h2 id="swaps-heading">');
    expect(res.text).toContain('Peruttu');
    // (The language switch outside <main> keeps the posted URL to return to.)
    const main = res.text.slice(res.text.indexOf('<main'), res.text.indexOf('</main>'));
    expect(main).not.toContain(`/requests/swaps/${w.swapId}/respond`);
    expect(statusOf(w).status).toBe('cancelled');
  });

  it("when Espoo's supervisor approves a Vantaa swap from the page, then /requests again with 403 and nothing is approved", async () => {
    const w = await asked();
    expect((await w.bertilApi.post(`/api/v1/swaps/${w.swapId}/response`, { decision: 'accept', version: 1 })).status).toBe(200);
    const { browser } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.espoo });
    await browser.get('/requests');
    const res = await browser.post(`/requests/swaps/${w.swapId}/decide`, { decision: 'approve', version: '2' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('You do not have permission to do that.');
    expect(res.text).toContain('<h1>Requests</h1>');
    expect(w.t.db.prepare('SELECT count(*) AS n FROM swap_approvals').get()).toEqual({ n: 0 });
  });

  it('when approving would now break a rule, then /requests again with 422, the violation listed, and the turn unchanged', async () => {
    const w = await asked();
    expect((await w.bertilApi.post(`/api/v1/swaps/${w.swapId}/response`, { decision: 'accept', version: 1 })).status).toBe(200);
    // Since accepting, Bertil was put on an overlapping phone turn.
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
    const { browser } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.vantaa });
    await browser.get('/requests');
    const res = await browser.post(`/requests/swaps/${w.swapId}/decide`, { decision: 'approve', version: '2' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('This would break a rostering rule.');
    expect(res.text).toContain('overlapping turns');
    expect(staffOf(w.t, w.turn)).toEqual([w.anna]);
    expect(statusOf(w).status).toBe('accepted');
  });

  it('when a city move was already answered, then deciding it again from an old page shows /requests with 409', async () => {
    const w = workflowApp();
    const turn = makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: DAY,
      startAt: `${DAY}T05:00:00Z`,
      endAt: `${DAY}T13:00:00Z`,
      cityId: w.cities.espoo,
      adviserIds: [w.advisers.espoo[0] as number],
    });
    const espoo = api(w.t, apiToken(w.t, (await makeUser(w.t, 'supervisor', { cityId: w.cities.espoo })).id));
    const move = await espoo.post(`/api/v1/turns/${turn}/city-move`, { cityId: w.cities.vantaa, version: 1 });
    const { browser } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.vantaa });
    await browser.get('/requests');
    expect((await espoo.post(`/api/v1/city-moves/${move.body.id}/decision`, { decision: 'decline', version: 1 })).status).toBe(200);
    const res = await browser.post(`/requests/moves/${move.body.id}`, { decision: 'accept', version: '1' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('This request has already been answered.');
    expect(res.text).toContain('role="alert"');
    expect(w.t.db.prepare('SELECT city_id FROM turns WHERE id = ?').get(turn)).toEqual({ city_id: w.cities.espoo });
  });
});
