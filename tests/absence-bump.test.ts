import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeUser } from './helpers/app.js';
import { makeTurn } from './helpers/factories.js';
import { api, NOW, staffOf, versionOf, workflowApp } from './workflow.helpers.js';

const DAY = '2027-05-04';

describe('an absence opening draft turns', () => {
  it('when an absence takes an adviser off a draft turn, then the turn names who entered it, and a later save from the old read gets 409 naming them', async () => {
    const w = workflowApp();
    const [ill, other] = w.advisers.helsinki as [number, number];
    const turn = makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: DAY,
      startAt: `${DAY}T05:00:00Z`,
      endAt: `${DAY}T13:00:00Z`,
      cityId: w.cities.helsinki,
      adviserIds: [ill],
    });
    const reader = await makeUser(w.t, 'supervisor', { cityId: w.cities.helsinki });
    const maija = await makeUser(w.t, 'supervisor', { cityId: w.cities.helsinki, username: 'maija' });
    const entered = await api(w.t, apiToken(w.t, maija.id)).post('/api/v1/absences', { adviserId: ill, from: DAY, to: DAY, reason: 'ill' });
    expect(entered.status).toBe(201);
    expect(entered.body.openedDraftAssignments).toBe(1);
    expect(w.t.db.prepare('SELECT version, updated_by, updated_at FROM turns WHERE id = ?').get(turn)).toEqual({
      version: 2,
      updated_by: maija.id,
      updated_at: NOW.toISOString(),
    });
    const stale = await api(w.t, apiToken(w.t, reader.id)).put(`/api/v1/turns/${turn}/assignments`, { adviserIds: [other], version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/^Changed by Test maija at 28\.4\.2027 12:00; reload/);
    expect(stale.body.error.details[0]).toMatchObject({ changedBy: 'Test maija', version: 2 });
    expect(staffOf(w.t, turn)).toEqual([]);
  });

  it('when an adviser enters their own absence from the form, then the opened turn names that adviser’s user', async () => {
    const w = workflowApp();
    const ill = w.advisers.espoo[0] as number;
    const turn = makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: DAY,
      startAt: `${DAY}T05:00:00Z`,
      endAt: `${DAY}T13:00:00Z`,
      cityId: w.cities.espoo,
      adviserIds: [ill],
    });
    const { browser, user } = await loggedIn(w.t, 'adviser', { adviserId: ill });
    await browser.get('/absences/new');
    expect((await browser.post('/absences', { adviserId: String(ill), from: DAY, to: DAY, reason: 'dentist' })).status).toBe(303);
    expect(versionOf(w.t, turn)).toBe(2);
    expect(w.t.db.prepare('SELECT updated_by FROM turns WHERE id = ?').get(turn)).toEqual({ updated_by: user.id });
  });
});
