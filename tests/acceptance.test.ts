import { describe, expect, it } from 'vitest';
import { loggedIn } from './helpers/app.js';
import { makeTurn } from './helpers/factories.js';
import { api, kinds, tokenFor, workflowApp } from './workflow.helpers.js';

const DAY = '2027-05-03';
const count = (t: ReturnType<typeof workflowApp>['t'], sql: string, ...p: unknown[]) => (t.db.prepare(sql).get(...p) as { n: number }).n;

/** One clean draft email turn per city on consecutive days. */
function threeCityDraft() {
  const w = workflowApp();
  const turns: Record<'helsinki' | 'espoo' | 'vantaa', number> = { helsinki: 0, espoo: 0, vantaa: 0 };
  (['helsinki', 'espoo', 'vantaa'] as const).forEach((city, i) => {
    const day = `2027-05-0${3 + i}`;
    turns[city] = makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: day,
      startAt: `${day}T05:00:00Z`,
      endAt: `${day}T13:00:00Z`,
      cityId: w.cities[city],
      adviserIds: [w.advisers[city][0] as number],
    });
  });
  return { ...w, turns, from: DAY, to: '2027-05-05' };
}

describe('cross-city acceptance before publishing', () => {
  it('when a supervisor publishes before every city accepted, then 409 acceptance_missing naming the missing cities and nothing is published', async () => {
    const w = threeCityDraft();
    const espoo = await tokenFor(w.t, 'supervisor', { cityId: w.cities.espoo });
    expect((await api(w.t, espoo).post('/api/v1/rosters/accept', { from: w.from, to: w.to, city: 'espoo' })).status).toBe(200);
    const res = await api(w.t, espoo).post('/api/v1/rosters/publish', { from: w.from, to: w.to });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('acceptance_missing');
    expect(res.body.error.details.map((d: { city: string }) => d.city).sort()).toEqual(['helsinki', 'vantaa']);
    expect(count(w.t, "SELECT count(*) AS n FROM turns WHERE status = 'published'")).toBe(0);
  });

  it('when every city accepted, then the supervisor publishes and the other cities’ supervisors are told', async () => {
    const w = threeCityDraft();
    const tokens = {
      helsinki: await tokenFor(w.t, 'supervisor', { cityId: w.cities.helsinki }),
      espoo: await tokenFor(w.t, 'supervisor', { cityId: w.cities.espoo }),
      vantaa: await tokenFor(w.t, 'supervisor', { cityId: w.cities.vantaa }),
    };
    for (const city of ['helsinki', 'espoo', 'vantaa'] as const) {
      const res = await api(w.t, tokens[city]).post('/api/v1/rosters/accept', { from: w.from, to: w.to, city });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ city, drafts: 1 });
    }
    const res = await api(w.t, tokens.espoo).post('/api/v1/rosters/publish', { from: w.from, to: w.to });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ from: w.from, to: w.to, published: 3 });
    const helsinkiSupervisor = w.t.db.prepare("SELECT id FROM users WHERE role = 'supervisor' AND city_id = ?").get(w.cities.helsinki) as { id: number };
    const subjects = (
      w.t.db.prepare('SELECT subject FROM notifications WHERE user_id = ? ORDER BY id').all(helsinkiSupervisor.id) as Array<{ subject: string }>
    ).map((r) => r.subject);
    expect(subjects.some((s) => /^Espoo accepted its part of 3\s?–\s?5 May 2027$/.test(s))).toBe(true);
    expect(subjects.some((s) => s.startsWith('The roster for') && s.endsWith('was published'))).toBe(true);
    expect(kinds(w.t).filter((k) => k === 'roster.accept')).toHaveLength(3);
  });

  it('when a supervisor accepts another city’s part, then 403 and nothing is recorded', async () => {
    const w = threeCityDraft();
    const espoo = await tokenFor(w.t, 'supervisor', { cityId: w.cities.espoo });
    const res = await api(w.t, espoo).post('/api/v1/rosters/accept', { from: w.from, to: w.to, city: 'helsinki' });
    expect(res.status).toBe(403);
    expect(count(w.t, 'SELECT count(*) AS n FROM city_acceptances')).toBe(0);
    expect((await api(w.t, espoo).post('/api/v1/rosters/accept', { from: w.from, to: w.to, city: 'nowhere' })).status).toBe(400);
  });

  it('when a city’s part changes after it accepted, then its acceptance is withdrawn, its supervisor told, and publishing waits for it again', async () => {
    const w = threeCityDraft();
    const admin = await tokenFor(w.t, 'admin');
    for (const city of ['helsinki', 'espoo', 'vantaa'] as const) {
      expect((await api(w.t, admin).post('/api/v1/rosters/accept', { from: w.from, to: w.to, city })).status).toBe(200);
    }
    const helsinki = await tokenFor(w.t, 'supervisor', { cityId: w.cities.helsinki });
    const turn = w.t.db.prepare('SELECT version FROM turns WHERE id = ?').get(w.turns.helsinki) as { version: number };
    const edit = await api(w.t, helsinki).put(`/api/v1/turns/${w.turns.helsinki}/assignments`, { adviserIds: [w.advisers.helsinki[1]], version: turn.version });
    expect(edit.status).toBe(200);
    expect(w.t.db.prepare('SELECT c.code, a.status FROM city_acceptances a JOIN cities c ON c.id = a.city_id ORDER BY c.code').all()).toEqual([
      { code: 'espoo', status: 'accepted' },
      { code: 'helsinki', status: 'withdrawn' },
      { code: 'vantaa', status: 'accepted' },
    ]);
    expect(kinds(w.t)).toContain('roster.withdraw');
    const helsinkiSupervisor = w.t.db.prepare("SELECT id FROM users WHERE role = 'supervisor' AND city_id = ?").get(w.cities.helsinki) as { id: number };
    expect(
      count(w.t, "SELECT count(*) AS n FROM notifications WHERE user_id = ? AND subject LIKE '%acceptance of % was withdrawn'", helsinkiSupervisor.id),
    ).toBe(1);
    const espoo = await tokenFor(w.t, 'supervisor', { cityId: w.cities.espoo });
    const res = await api(w.t, espoo).post('/api/v1/rosters/publish', { from: w.from, to: w.to });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual([expect.objectContaining({ city: 'helsinki' })]);
  });

  it('when an admin publishes without acceptance, then it is published and logged as an override with the reason', async () => {
    const w = threeCityDraft();
    const admin = await tokenFor(w.t, 'admin');
    const res = await api(w.t, admin).post('/api/v1/rosters/publish', { from: w.from, to: w.to, overrideReason: 'cities agreed in the meeting' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ from: w.from, to: w.to, published: 3 });
    const row = w.t.db.prepare("SELECT override_reason, after FROM audit_log WHERE kind = 'roster.publish'").get() as {
      override_reason: string;
      after: string;
    };
    expect(row.override_reason).toBe('cities agreed in the meeting');
    expect(JSON.parse(row.after).acceptanceMissing.sort()).toEqual(['espoo', 'helsinki', 'vantaa']);
    expect(w.t.db.prepare('SELECT override_reason AS r FROM publications').get()).toEqual({ r: 'cities agreed in the meeting' });
  });

  it('when the supervisor generates, accepts and publishes on the pages, then they land back on the planning period with a confirmation', async () => {
    const w = workflowApp();
    const { browser } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.espoo });
    const gen = await browser.post('/planning', { from: DAY, to: '2027-05-09' });
    expect(gen.status).toBe(303);
    const periodUrl = gen.headers.location as string;
    expect(periodUrl).toMatch(/^\/planning\/\d+$/);
    const page = await browser.get(periodUrl);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Review your city’s part and accept it.');
    expect((await browser.post(`${periodUrl}/accept`, { city: 'espoo' })).status).toBe(303);
    expect((await browser.post(`${periodUrl}/accept`, { city: 'helsinki' })).status).toBe(403);
    const admin = await tokenFor(w.t, 'admin');
    for (const city of ['helsinki', 'vantaa']) await api(w.t, admin).post('/api/v1/rosters/accept', { from: DAY, to: '2027-05-09', city });
    const ready = await browser.get(periodUrl);
    expect(ready.text).toContain('Every city has accepted.');
    const published = await browser.post('/rosters/publish', { from: DAY, to: '2027-05-09', overrideReason: '' });
    expect(published.status).toBe(303);
    expect(published.headers.location).toBe(periodUrl);
    const landed = await browser.get(periodUrl);
    expect(landed.text).toMatch(/Published \d+ turns for 3\s?–\s?9 May 2027/);
    const home = await browser.get('/');
    expect(home.text).toContain(`href="${periodUrl}"`);
  });
});
