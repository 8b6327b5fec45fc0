import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeTestApp, makeUser, type TestApp } from './helpers/app.js';
import { acceptEveryCity } from './planning.helpers.js';
import { makeAbsence, makeAdviser, makeCity, makeRegion, makeService, makeTurn, setShares, weekdays } from './helpers/factories.js';

interface TurnBody {
  id: number;
  service: string;
  city: string | null;
  start: string;
  end: string;
  headcount: number;
  language: string | null;
  status: string;
  version: number;
  assignments: Array<{ id: number; adviserId: number; pinned: boolean }>;
}

/** The demo-like region with four advisers per city who can do everything. */
function region(t: TestApp) {
  const r = makeRegion(t.db);
  const skills = Object.values(r.services);
  const advisers: Record<string, number[]> = {};
  for (const [name, cityId] of Object.entries(r.cities)) {
    advisers[name] = [0, 1, 2, 3].map((i) => makeAdviser(t.db, cityId, { skills, languages: i % 2 === 0 ? ['fi', 'sv'] : ['fi'], maxHoursPerWeek: 30 }));
  }
  return { ...r, advisers };
}

async function tokenFor(t: TestApp, role: 'admin' | 'supervisor' | 'adviser', cityId?: number, adviserId?: number): Promise<string> {
  const user = await makeUser(t, role, { ...(cityId ? { cityId } : {}), ...(adviserId ? { adviserId } : {}) });
  return apiToken(t, user.id);
}

const count = (t: TestApp, sql: string) => (t.db.prepare(sql).get() as { n: number }).n;

describe('POST /api/v1/rosters/generate', () => {
  it('when a supervisor generates four weeks, then every turn is staffed and the turns API lists them', async () => {
    const t = makeTestApp();
    const r = region(t);
    const token = await tokenFor(t, 'supervisor', r.cities.espoo);
    const res = await request(t.app).post('/api/v1/rosters/generate').set('Authorization', `Bearer ${token}`).send({ from: '2027-05-03', to: '2027-05-30' });
    expect(res.status).toBe(200);
    // 19 working days (6 May is Ascension Day) × (2 phone + 1 email + 1 change security)
    expect(res.body).toMatchObject({ from: '2027-05-03', to: '2027-05-30', turns: 76, assigned: 76, open: 0 });
    // violations lists hard rules only; soft goals are in warnings.
    expect(res.body.violations).toEqual([]);
    expect((res.body.warnings as Array<{ severity: string }>).every((v) => v.severity === 'warning')).toBe(true);
    const list = await request(t.app).get('/api/v1/turns?from=2027-05-03&to=2027-05-09&service=phone').set('Authorization', `Bearer ${token}`);
    expect(list.status).toBe(200);
    const turns = list.body as TurnBody[];
    expect(turns).toHaveLength(8);
    expect(turns[0]).toMatchObject({
      service: 'phone',
      start: '2027-05-03T06:00:00Z',
      end: '2027-05-03T09:00:00Z',
      headcount: 2,
      language: 'sv',
      status: 'draft',
    });
    expect(turns.every((x) => x.assignments.length === 2 && x.city !== null)).toBe(true);
  });

  it('when generating twice, then the roster is the same', async () => {
    const t = makeTestApp();
    const r = region(t);
    const token = await tokenFor(t, 'admin');
    const snapshot = () =>
      t.db
        .prepare(
          'SELECT t.start_at, t.service_id, t.city_id, group_concat(a.adviser_id) AS who FROM turns t LEFT JOIN assignments a ON a.turn_id = t.id GROUP BY t.id ORDER BY t.start_at, t.service_id',
        )
        .all();
    await request(t.app).post('/api/v1/rosters/generate').set('Authorization', `Bearer ${token}`).send({ from: '2027-05-03', to: '2027-05-30' });
    const first = snapshot();
    await request(t.app).post('/api/v1/rosters/generate').set('Authorization', `Bearer ${token}`).send({ from: '2027-05-03', to: '2027-05-30' });
    expect(snapshot()).toEqual(first);
    expect(r.cities.helsinki).toBeGreaterThan(0);
  });

  it('when the range is reversed, too long or malformed, then 400 and nothing is written', async () => {
    const t = makeTestApp();
    region(t);
    const token = await tokenFor(t, 'admin');
    for (const body of [{ from: '2027-05-30', to: '2027-05-03' }, { from: '2027-01-01', to: '2028-02-05' }, { from: '2027-02-30', to: '2027-03-01' }, {}]) {
      const res = await request(t.app).post('/api/v1/rosters/generate').set('Authorization', `Bearer ${token}`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect(count(t, 'SELECT count(*) AS n FROM turns')).toBe(0);
  });

  it('when an adviser or nobody asks, then 403 or 401', async () => {
    const t = makeTestApp();
    const r = region(t);
    const token = await tokenFor(t, 'adviser', undefined, r.advisers.helsinki?.[0]);
    expect(
      (await request(t.app).post('/api/v1/rosters/generate').set('Authorization', `Bearer ${token}`).send({ from: '2027-05-03', to: '2027-05-09' })).status,
    ).toBe(403);
    expect((await request(t.app).get('/api/v1/turns?from=2027-05-03&to=2027-05-09')).status).toBe(401);
    expect(
      (await request(t.app).post('/api/v1/rosters/publish').set('Authorization', `Bearer ${token}`).send({ from: '2027-05-03', to: '2027-05-09' })).status,
    ).toBe(403);
    expect((await request(t.app).get('/api/v1/turns?from=2027-05-03&to=2027-05-09').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect(count(t, 'SELECT count(*) AS n FROM turns')).toBe(0);
  });
});

describe('the ledger across periods', () => {
  it('when January is generated and published, then February continues the ledger within 0.75 turn of the quota', async () => {
    const t = makeTestApp();
    const cities = [makeCity(t.db), makeCity(t.db), makeCity(t.db)];
    const service = makeService(t.db, { templates: weekdays('09:00', '12:00') });
    setShares(t.db, service, '2020-01-01', { [cities[0] as number]: 0.5, [cities[1] as number]: 0.3, [cities[2] as number]: 0.2 });
    for (const c of cities) for (let i = 0; i < 3; i++) makeAdviser(t.db, c, { skills: [service] });
    const token = await tokenFor(t, 'admin');
    const api = (path: string, body: object) => request(t.app).post(path).set('Authorization', `Bearer ${token}`).send(body);
    expect((await api('/api/v1/rosters/generate', { from: '2027-01-01', to: '2027-01-31' })).status).toBe(200);
    const published = await api('/api/v1/rosters/publish', { from: '2027-01-01', to: '2027-01-31' });
    expect(published.body).toEqual({ from: '2027-01-01', to: '2027-01-31', published: 19 });
    expect(count(t, 'SELECT count(*) AS n FROM publications')).toBe(1);
    expect((await api('/api/v1/rosters/generate', { from: '2027-02-01', to: '2027-02-28' })).status).toBe(200);
    const holders = (t.db.prepare('SELECT city_id FROM turns ORDER BY start_at').all() as Array<{ city_id: number }>).map((x) => x.city_id);
    expect(holders).toHaveLength(39);
    const n: Record<number, number> = {};
    let worst = 0;
    holders.forEach((c, i) => {
      n[c] = (n[c] ?? 0) + 1;
      [0.5, 0.3, 0.2].forEach((share, k) => {
        worst = Math.max(worst, Math.abs((n[cities[k] as number] ?? 0) - share * (i + 1)));
      });
    });
    expect(worst).toBeLessThanOrEqual(0.75);
    // January stays as published.
    expect(count(t, "SELECT count(*) AS n FROM turns WHERE status = 'published'")).toBe(19);
  });
});

describe('PUT /api/v1/turns/:id/assignments', () => {
  async function setup() {
    const t = makeTestApp();
    const r = region(t);
    const token = await tokenFor(t, 'admin');
    await request(t.app).post('/api/v1/rosters/generate').set('Authorization', `Bearer ${token}`).send({ from: '2027-05-03', to: '2027-05-09' });
    const turns = (await request(t.app).get('/api/v1/turns?from=2027-05-03&to=2027-05-09&service=email').set('Authorization', `Bearer ${token}`))
      .body as TurnBody[];
    return { t, r, token, turns };
  }

  it("when a supervisor sets an adviser on their own city's turn, then it is pinned, the version grows and regeneration keeps it", async () => {
    const { t, r, turns } = await setup();
    const turn = turns.find((x) => x.city === 'helsinki') as TurnBody;
    const sup = await tokenFor(t, 'supervisor', r.cities.helsinki);
    const chosen = makeAdviser(t.db, r.cities.helsinki, { skills: [r.services.email], maxHoursPerWeek: 40 });
    const res = await request(t.app)
      .put(`/api/v1/turns/${turn.id}/assignments`)
      .set('Authorization', `Bearer ${sup}`)
      .send({ adviserIds: [chosen], version: turn.version });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: turn.id, version: turn.version + 1, city: 'helsinki' });
    expect(res.body.assignments).toEqual([{ id: expect.any(Number), adviserId: chosen, pinned: true }]);
    const admin = await tokenFor(t, 'admin');
    await request(t.app).post('/api/v1/rosters/generate').set('Authorization', `Bearer ${admin}`).send({ from: '2027-05-03', to: '2027-05-09' });
    const after = (await request(t.app).get('/api/v1/turns?from=2027-05-03&to=2027-05-09&service=email').set('Authorization', `Bearer ${admin}`))
      .body as TurnBody[];
    expect(after.find((x) => x.id === turn.id)?.assignments.map((a) => [a.adviserId, a.pinned])).toEqual([[chosen, true]]);
  });

  it('when the version is stale, the turn unknown, the city another or a hard rule would break, then 409, 404, 403 or 422 and nothing changes', async () => {
    const { t, r, token, turns } = await setup();
    const turn = turns.find((x) => x.city === 'espoo') as TurnBody;
    const before = t.db.prepare('SELECT * FROM assignments ORDER BY id').all();
    const put = (id: number | string, body: object, tok = token) =>
      request(t.app).put(`/api/v1/turns/${id}/assignments`).set('Authorization', `Bearer ${tok}`).send(body);
    const espoo = r.advisers.espoo as number[];
    expect((await put(turn.id, { adviserIds: [espoo[1]], version: turn.version + 5 })).status).toBe(409);
    expect((await put(999999, { adviserIds: [espoo[1]], version: 1 })).status).toBe(404);
    const sup = await tokenFor(t, 'supervisor', r.cities.vantaa);
    expect((await put(turn.id, { adviserIds: [espoo[1]], version: turn.version }, sup)).status).toBe(403);
    expect((await put(turn.id, { adviserIds: ['x'], version: turn.version })).status).toBe(400);
    makeAbsence(t.db, espoo[2] as number, '2027-05-01', '2027-05-31');
    const absent = await put(turn.id, { adviserIds: [espoo[2]], version: turn.version });
    expect(absent.status).toBe(422);
    expect(absent.body.error.details.map((d: { code: string }) => d.code)).toContain('absent');
    const wrongCity = await put(turn.id, { adviserIds: [r.advisers.vantaa?.[0]], version: turn.version });
    expect(wrongCity.status).toBe(422);
    expect(wrongCity.body.error.details.map((d: { code: string }) => d.code)).toContain('wrong_city');
    expect(t.db.prepare('SELECT * FROM assignments ORDER BY id').all()).toEqual(before);
  });
});

describe('POST /api/v1/rosters/publish', () => {
  it('when a draft breaks a hard rule, then 422 with the violations and nothing is published, unless a reason is given', async () => {
    const t = makeTestApp();
    const r = region(t);
    const token = await tokenFor(t, 'admin');
    const adviser = r.advisers.helsinki?.[0] as number;
    makeAbsence(t.db, adviser, '2027-05-03', '2027-05-03');
    makeTurn(t.db, {
      serviceId: r.services.email,
      date: '2027-05-03',
      startAt: '2027-05-03T05:00:00Z',
      endAt: '2027-05-03T13:00:00Z',
      cityId: r.cities.helsinki,
      adviserIds: [adviser],
    });
    const refused = await request(t.app).post('/api/v1/rosters/publish').set('Authorization', `Bearer ${token}`).send({ from: '2027-05-03', to: '2027-05-03' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toContainEqual(expect.objectContaining({ code: 'absent', severity: 'error', adviserId: adviser }));
    expect(count(t, "SELECT count(*) AS n FROM turns WHERE status = 'published'")).toBe(0);
    expect(count(t, 'SELECT count(*) AS n FROM publications')).toBe(0);
    const forced = await request(t.app)
      .post('/api/v1/rosters/publish')
      .set('Authorization', `Bearer ${token}`)
      .send({ from: '2027-05-03', to: '2027-05-03', overrideReason: 'Anna swaps by phone' });
    expect(forced.body).toEqual({ from: '2027-05-03', to: '2027-05-03', published: 1 });
    expect(t.db.prepare('SELECT override_reason AS r FROM publications').get()).toEqual({ r: 'Anna swaps by phone' });
  });
});

describe('the generate page', () => {
  it('when a supervisor opens and submits it, then the summary, violations in their language and a publish form appear', async () => {
    const t = makeTestApp();
    const r = region(t);
    const { browser } = await loggedIn(t, 'supervisor', { cityId: r.cities.helsinki, language: 'fi' });
    const page = await browser.get('/rosters/generate');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-progress=');
    expect(page.text).toContain('role="status"');
    const bad = await browser.post('/rosters/generate', { from: '2027-05-30', to: '2027-05-03' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('aria-invalid="true"');
    const done = await browser.post('/rosters/generate', { from: '2027-05-03', to: '2027-05-09' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Täysin miehitetty');
    expect(done.text).toContain('action="/rosters/publish"');
    const preview = await browser.get('/rosters/publish?from=2027-05-03&to=2027-05-09');
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('data-confirm=');
    // A supervisor publishes once every city has accepted its part.
    expect((await browser.post('/rosters/publish', { from: '2027-05-03', to: '2027-05-09', overrideReason: '' })).status).toBe(409);
    await acceptEveryCity(t, '2027-05-03', '2027-05-09');
    const published = await browser.post('/rosters/publish', { from: '2027-05-03', to: '2027-05-09', overrideReason: '' });
    expect(published.status).toBe(303);
    expect(count(t, "SELECT count(*) AS n FROM turns WHERE status = 'published'")).toBe(16);
  });

  it('when an adviser opens it, then 403', async () => {
    const t = makeTestApp();
    const r = region(t);
    const { browser } = await loggedIn(t, 'adviser', { adviserId: r.advisers.vantaa?.[0] as number });
    expect((await browser.get('/rosters/generate')).status).toBe(403);
  });
});
