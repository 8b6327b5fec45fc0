import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeTestApp, makeUser } from './helpers/app.js';
import { makeAdviser, makeRegion } from './helpers/factories.js';

async function generated(perCity = 4) {
  const t = makeTestApp();
  const r = makeRegion(t.db);
  for (const cityId of Object.values(r.cities)) {
    for (let i = 0; i < perCity; i++)
      makeAdviser(t.db, cityId, { skills: Object.values(r.services), languages: ['fi', 'sv'], maxHoursPerWeek: i === 0 ? 40 : 20 });
  }
  const admin = await makeUser(t, 'admin');
  const token = apiToken(t, admin.id);
  const res = await request(t.app).post('/api/v1/rosters/generate').set('Authorization', `Bearer ${token}`).send({ from: '2027-04-05', to: '2027-06-27' });
  expect(res.status).toBe(200);
  return { t, r, token, body: res.body as { level1: Array<{ service: string; maxPrefixDeviationHours: number; optimal: boolean }> } };
}

describe('fairness', () => {
  it('when asking the API for a service, then each city has its share, target, actual and a prefix deviation within 0.75', async () => {
    const { t, token } = await generated();
    const res = await request(t.app).get('/api/v1/fairness?service=email&from=2027-04-05&to=2027-06-27').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.service).toBe('email');
    expect(res.body.cities.map((c: { city: string }) => c.city)).toEqual(['helsinki', 'espoo', 'vantaa']);
    const helsinki = res.body.cities[0];
    expect(helsinki.share).toBeCloseTo(0.5, 3);
    expect(helsinki.targetHours + res.body.cities[1].targetHours + res.body.cities[2].targetHours).toBeCloseTo(
      helsinki.actualHours + res.body.cities[1].actualHours + res.body.cities[2].actualHours,
      1,
    );
    for (const c of res.body.cities) expect(c.maxPrefixDeviationTurns).toBeLessThanOrEqual(0.75);
    expect(res.body.advisers).toHaveLength(12);
    expect(res.body.advisers[0]).toEqual({
      adviserId: expect.any(Number),
      turns: expect.any(Number),
      hours: expect.any(Number),
      normalisedLoad: expect.any(Number),
      targetHours: expect.any(Number),
      deviationHours: expect.any(Number),
      carriedHours: 0,
    });
    expect(res.body.advisers.reduce((s: number, a: { turns: number }) => s + a.turns, 0)).toBeGreaterThan(50);
  });

  it("when asking for the hours figures, then with advisers enough each city reaches the exact optimum and the advisers' deviations add up to zero", async () => {
    const { t, token, body } = await generated(8);
    expect(body.level1.find((l) => l.service === 'phone')).toMatchObject({ optimal: true });
    const res = await request(t.app).get('/api/v1/fairness?service=phone&from=2027-04-05&to=2027-06-27').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    type City = { maxPrefixDeviationHours: number; optimumPrefixDeviationHours: number; carriedHours: number };
    const cities = res.body.cities as City[];
    const worst = Math.max(...cities.map((c) => c.maxPrefixDeviationHours));
    const optimum = cities[0]?.optimumPrefixDeviationHours ?? -1;
    expect(optimum).toBeGreaterThan(0);
    expect(worst).toBeCloseTo(optimum, 2);
    expect(body.level1.find((l) => l.service === 'phone')?.maxPrefixDeviationHours).toBeCloseTo(worst, 2);
    for (const c of cities) expect(c.carriedHours).toBe(0);
    type Adviser = { hours: number; targetHours: number; deviationHours: number };
    const advisers = res.body.advisers as Adviser[];
    const hours = advisers.reduce((s, a) => s + a.hours, 0);
    expect(advisers.reduce((s, a) => s + a.targetHours, 0)).toBeCloseTo(hours, 0);
    for (const a of advisers) expect(a.deviationHours).toBeCloseTo(a.hours - a.targetHours, 1);
  });

  it("when the range before was published, then the next range carries each city's and adviser's ledger from it", async () => {
    const { t, token } = await generated();
    const auth = { Authorization: `Bearer ${token}` };
    expect((await request(t.app).post('/api/v1/rosters/publish').set(auth).send({ from: '2027-04-05', to: '2027-06-27' })).status).toBe(200);
    const first = await request(t.app).get('/api/v1/fairness?service=email&from=2027-04-05&to=2027-06-27').set(auth);
    expect((await request(t.app).post('/api/v1/rosters/generate').set(auth).send({ from: '2027-06-28', to: '2027-07-25' })).status).toBe(200);
    const next = await request(t.app).get('/api/v1/fairness?service=email&from=2027-06-28&to=2027-07-25').set(auth);
    expect(next.status).toBe(200);
    type City = { city: string; deviationHours: number; carriedHours: number };
    for (const c of next.body.cities as City[]) {
      const before = (first.body.cities as City[]).find((x) => x.city === c.city);
      expect(c.carriedHours).toBeCloseTo(before?.deviationHours ?? NaN, 1);
    }
    type Adviser = { adviserId: number; deviationHours: number; carriedHours: number };
    const carried = (next.body.advisers as Adviser[]).map((a) => a.carriedHours);
    expect(carried.some((c) => Math.abs(c) > 0.01)).toBe(true);
    for (const a of next.body.advisers as Adviser[]) {
      const before = (first.body.advisers as Adviser[]).find((x) => x.adviserId === a.adviserId);
      expect(a.carriedHours).toBeCloseTo(before?.deviationHours ?? NaN, 1);
    }
  });

  it('when the service is unknown or the range bad, then 400; without a login, 401', async () => {
    const { t, token } = await generated();
    expect((await request(t.app).get('/api/v1/fairness?service=nope&from=2027-04-05&to=2027-06-27').set('Authorization', `Bearer ${token}`)).status).toBe(400);
    expect((await request(t.app).get('/api/v1/fairness?service=email&from=2027-06-27&to=2027-04-05').set('Authorization', `Bearer ${token}`)).status).toBe(400);
    expect((await request(t.app).get('/api/v1/fairness?service=email&from=2027-04-05&to=2027-06-27')).status).toBe(401);
  });

  it('when an adviser opens the page, then each service shows a table, an SVG chart with a data table and the adviser load', async () => {
    const { t } = await generated();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: 1, language: 'sv' });
    const page = await browser.get('/fairness?from=2027-04-05&to=2027-06-27');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="sv">');
    expect(page.text.match(/<svg viewBox/g)).toHaveLength(3);
    expect(page.text).toContain('role="img"');
    expect(page.text).toContain('stroke-dasharray');
    expect(page.text).toContain('Rådgivarnas belastning');
    expect(page.text).toContain('Bästa möjliga (h)');
    expect(page.text).toContain('Överfört (h)');
    expect(page.text).not.toMatch(/style="/);
    const bad = await browser.get('/fairness?from=2027-06-27&to=2027-04-05');
    expect(bad.status).toBe(400);
  });
});
