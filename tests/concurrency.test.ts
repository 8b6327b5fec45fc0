import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeUser } from './helpers/app.js';
import { makeTurn } from './helpers/factories.js';
import { api, staffOf, versionOf, workflowApp } from './workflow.helpers.js';

const DAY = '2027-05-03';

function emailTurn(w: ReturnType<typeof workflowApp>, city: 'helsinki' | 'espoo' | 'vantaa', status: 'draft' | 'published' = 'published') {
  return makeTurn(w.t.db, {
    serviceId: w.services.email,
    date: DAY,
    startAt: `${DAY}T05:00:00Z`,
    endAt: `${DAY}T13:00:00Z`,
    cityId: w.cities[city],
    status,
    adviserIds: [w.advisers[city][0] as number],
  });
}

describe('two writers of one turn', () => {
  it('when two clients PUT the same version at once, then exactly one is applied and the other gets 409 naming who changed it and when', async () => {
    const w = workflowApp();
    const turn = emailTurn(w, 'espoo');
    const first = await makeUser(w.t, 'supervisor', { cityId: w.cities.espoo });
    const second = await makeUser(w.t, 'admin');
    const [a, b] = [w.advisers.espoo[1] as number, w.advisers.espoo[2] as number];
    const results = await Promise.all([
      api(w.t, apiToken(w.t, first.id)).put(`/api/v1/turns/${turn}/assignments`, { adviserIds: [a], version: 1 }),
      api(w.t, apiToken(w.t, second.id)).put(`/api/v1/turns/${turn}/assignments`, { adviserIds: [b], version: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results[0]?.status === 200 ? { adviser: a, name: `Test ${first.username}` } : { adviser: b, name: `Test ${second.username}` };
    const loser = results.find((r) => r.status === 409);
    expect(loser?.body.error.code).toBe('stale_version');
    expect(loser?.body.error.message).toMatch(new RegExp(`^Changed by ${winner.name} at \\d{1,2}\\.\\d{1,2}\\.2027 \\d{2}:\\d{2}; reload`));
    expect(loser?.body.error.details[0]).toMatchObject({ changedBy: winner.name, version: 2 });
    expect(staffOf(w.t, turn)).toEqual([winner.adviser]);
    expect(versionOf(w.t, turn)).toBe(2);
  });

  it('when a supervisor saves the turn form from an old read, then 409 on the form with who changed it, and nothing is overwritten', async () => {
    const w = workflowApp();
    const turn = emailTurn(w, 'helsinki');
    const { browser } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.helsinki, language: 'fi' });
    const form = await browser.get(`/roster/turns/${turn}`);
    expect(form.text).toContain('name="version" value="1"');
    const other = await makeUser(w.t, 'admin', { username: 'paula' });
    const [x, y] = [w.advisers.helsinki[1] as number, w.advisers.helsinki[2] as number];
    expect((await api(w.t, apiToken(w.t, other.id)).put(`/api/v1/turns/${turn}/assignments`, { adviserIds: [x], version: 1 })).status).toBe(200);
    const saved = await browser.post(`/roster/turns/${turn}`, { adviserIds: [String(y)], version: '1', action: 'save' });
    expect(saved.status).toBe(409);
    expect(saved.text).toContain('Muuttanut Test paula');
    expect(saved.text).toContain('role="alert"');
    expect(staffOf(w.t, turn)).toEqual([x]);
    expect(versionOf(w.t, turn)).toBe(2);
  });

  it('when the form is checked, then the violations are shown and nothing is written; saving a breaking change gives 422 on the form', async () => {
    const w = workflowApp();
    const turn = emailTurn(w, 'helsinki');
    // An adviser on an overlapping phone turn cannot also take the email turn.
    const busy = w.advisers.helsinki[3] as number;
    makeTurn(w.t.db, {
      serviceId: w.services.phone,
      date: DAY,
      startAt: `${DAY}T06:00:00Z`,
      endAt: `${DAY}T09:00:00Z`,
      cityId: w.cities.helsinki,
      status: 'published',
      headcount: 1,
      adviserIds: [busy],
    });
    const { browser } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.helsinki });
    const checked = await browser.post(`/roster/turns/${turn}`, { adviserIds: [String(busy)], version: '1', action: 'check' });
    expect(checked.status).toBe(200);
    expect(checked.text).toContain('These rules would break');
    expect(checked.text).toContain('overlapping turns');
    const saved = await browser.post(`/roster/turns/${turn}`, { adviserIds: [String(busy)], version: '1', action: 'save' });
    expect(saved.status).toBe(422);
    expect(saved.text).toContain('overlapping turns');
    expect(staffOf(w.t, turn)).toEqual([w.advisers.helsinki[0]]);
    expect(versionOf(w.t, turn)).toBe(1);
  });
});

describe('whose staffing a supervisor may change', () => {
  it("when a supervisor of Espoo edits Vantaa's turn, then 403 over the API and on the form, and nothing changes", async () => {
    const w = workflowApp();
    const turn = emailTurn(w, 'vantaa');
    const espoo = await makeUser(w.t, 'supervisor', { cityId: w.cities.espoo });
    const put = await api(w.t, apiToken(w.t, espoo.id)).put(`/api/v1/turns/${turn}/assignments`, { adviserIds: [w.advisers.vantaa[1]], version: 1 });
    expect(put.status).toBe(403);
    const { browser } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.espoo });
    expect((await browser.get(`/roster/turns/${turn}`)).status).toBe(403);
    expect((await browser.post(`/roster/turns/${turn}`, { adviserIds: [String(w.advisers.vantaa[1])], version: '1' })).status).toBe(403);
    expect(staffOf(w.t, turn)).toEqual([w.advisers.vantaa[0]]);
    expect(versionOf(w.t, turn)).toBe(1);
  });

  it('when the week view is opened by supervisors, then each sees edit links only for their own city', async () => {
    const w = workflowApp();
    const vantaaTurn = emailTurn(w, 'vantaa');
    const { browser } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.espoo });
    const week = await browser.get(`/roster?week=${DAY}`);
    expect(week.status).toBe(200);
    expect(week.text).not.toContain(`/roster/turns/${vantaaTurn}`);
    const { browser: vantaa } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.vantaa });
    expect((await vantaa.get(`/roster?week=${DAY}`)).text).toContain(`/roster/turns/${vantaaTurn}`);
  });
});
