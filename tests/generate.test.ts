import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeTestApp, makeUser } from './helpers/app.js';
import { makeAdviser, makeCity, makeService, setShares } from './helpers/factories.js';

type Shown = { code: string; severity: string; message: string };

/**
 * One city, one weekday service and a single adviser who finds every weekday
 * undesired and may work only 6 h a week: the soft goal is missed on every
 * turn (warnings), and after two turns nobody may take the rest (hard errors
 * for the open turns, understaffed).
 */
function setup(maxHoursPerWeek: number) {
  const t = makeTestApp();
  const city = makeCity(t.db, { code: 'solo' });
  const service = makeService(t.db, { code: 'solo_phone' });
  setShares(t.db, service, '2020-01-01', { [city]: 1 });
  const adviser = makeAdviser(t.db, city, { name: 'Ulla Unwilling', skills: [service], maxHoursPerWeek, undesired: [1, 2, 3, 4, 5] });
  return { t, city, service, adviser };
}

describe('POST /api/v1/rosters/generate: errors and warnings apart', () => {
  it('when the roster misses only soft goals, then violations is empty and the undesired days are listed under warnings', async () => {
    const { t } = setup(40);
    const token = apiToken(t, (await makeUser(t, 'admin')).id);
    const res = await request(t.app).post('/api/v1/rosters/generate').set('Authorization', `Bearer ${token}`).send({ from: '2027-05-03', to: '2027-05-07' });
    expect(res.status).toBe(200);
    // 6 May 2027 is Ascension Day: four turns.
    expect(res.body).toMatchObject({ turns: 4, assigned: 4, open: 0, violations: [] });
    const warnings = res.body.warnings as Shown[];
    expect(warnings.length).toBeGreaterThanOrEqual(4);
    expect(warnings.every((w) => w.severity === 'warning')).toBe(true);
    expect(warnings.filter((w) => w.code === 'undesired_day')).toHaveLength(4);
    expect(warnings[0]?.message).toContain('Ulla Unwilling');
  });

  it('when hard rules break too, then violations has only errors and warnings only soft goals', async () => {
    const { t } = setup(6);
    const token = apiToken(t, (await makeUser(t, 'admin')).id);
    const res = await request(t.app).post('/api/v1/rosters/generate').set('Authorization', `Bearer ${token}`).send({ from: '2027-05-03', to: '2027-05-07' });
    expect(res.status).toBe(200);
    expect(res.body.open).toBe(2);
    const violations = res.body.violations as Shown[];
    const warnings = res.body.warnings as Shown[];
    expect(violations.map((v) => v.code)).toEqual(['understaffed', 'understaffed']);
    expect(violations.every((v) => v.severity === 'error')).toBe(true);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((w) => w.severity === 'warning' && ['undesired_day', 'consecutive_days', 'load_imbalance'].includes(w.code))).toBe(true);
  });

  it("when a seat stays open, then the answer lists it with each candidate's blocking rule, the level-1 bound and that no solver ran", async () => {
    const { t, adviser } = setup(6);
    const token = apiToken(t, (await makeUser(t, 'admin')).id);
    const res = await request(t.app).post('/api/v1/rosters/generate').set('Authorization', `Bearer ${token}`).send({ from: '2027-05-03', to: '2027-05-07' });
    expect(res.status).toBe(200);
    expect(res.body.level2).toEqual({ solver: 'unavailable', exactBlocks: 0, seatsGained: 0 });
    expect(res.body.level1).toEqual([{ service: 'solo_phone', maxPrefixDeviationHours: 0, optimal: true }]);
    const seats = res.body.openSeats as Array<{
      turnId: number;
      service: string;
      city: string;
      open: number;
      candidates: Array<{ adviserId: number; rule: string }>;
    }>;
    expect(seats).toHaveLength(2);
    for (const seat of seats) {
      expect(seat).toMatchObject({ service: 'solo_phone', city: 'solo', open: 1 });
      expect(seat.turnId).toEqual(expect.any(Number));
      expect(seat.candidates).toEqual([{ adviserId: adviser, rule: 'weekly_max' }]);
    }
  });

  it('when fetching the OpenAPI document, then GenerateResult describes warnings beside violations', async () => {
    const t = makeTestApp();
    const spec = await request(t.app).get('/api/v1/openapi.json');
    const props = spec.body.components.schemas.GenerateResult.properties;
    expect(Object.keys(props)).toEqual(expect.arrayContaining(['violations', 'warnings']));
    expect(props.violations.description).toContain('error');
  });
});

describe('the generate page: warnings apart and collapsed', () => {
  it('when a supervisor generates a roster with warnings only, then the errors section says none and the warnings sit in a closed details element', async () => {
    const { t, city } = setup(40);
    const { browser } = await loggedIn(t, 'supervisor', { cityId: city });
    await browser.get('/rosters/generate');
    const page = await browser.post('/rosters/generate', { from: '2027-05-03', to: '2027-05-07' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('No violations.');
    expect(page.text).toMatch(/<details class="warnings">\s*<summary>Show \d+ warnings<\/summary>/);
    expect(page.text).not.toContain('<details class="warnings" open');
    expect(page.text).toContain('works on an undesired weekday');
    // The warnings are not inside the errors section.
    const errorsSection = page.text.slice(page.text.indexOf('id="violations-heading"'), page.text.indexOf('id="warnings-heading"'));
    expect(errorsSection).not.toContain('undesired weekday');
  });

  it('when the page is asked in Finnish, then the warnings are summarised in Finnish', async () => {
    const { t, city } = setup(40);
    const { browser } = await loggedIn(t, 'supervisor', { cityId: city, language: 'fi' });
    await browser.get('/rosters/generate');
    const page = await browser.post('/rosters/generate', { from: '2027-05-03', to: '2027-05-07' });
    expect(page.text).toMatch(/Näytä \d+ varoitusta/);
  });
});
