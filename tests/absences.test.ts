import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeTestApp, makeUser, type TestApp } from './helpers/app.js';
import { makeAbsence, makeAdviser, makeRegion, makeTurn } from './helpers/factories.js';

async function setup() {
  const t = makeTestApp();
  const region = makeRegion(t.db);
  const espooAdviser = makeAdviser(t.db, region.cities.espoo, { name: 'Eeva Espoo', skills: [region.services.email] });
  const vantaaAdviser = makeAdviser(t.db, region.cities.vantaa, { name: 'Ville Vantaa', skills: [region.services.email] });
  return { t, region, espooAdviser, vantaaAdviser };
}

const absenceCount = (t: TestApp) => (t.db.prepare('SELECT count(*) AS n FROM absences').get() as { n: number }).n;
const assignmentsOf = (t: TestApp, turnId: number) =>
  (t.db.prepare('SELECT adviser_id FROM assignments WHERE turn_id = ?').all(turnId) as { adviser_id: number }[]).map((r) => r.adviser_id);

function turnOn(t: TestApp, serviceId: number, cityId: number, date: string, status: 'draft' | 'published', adviserIds: number[], pinned = false) {
  return makeTurn(t.db, { serviceId, cityId, date, startAt: `${date}T06:00:00Z`, endAt: `${date}T14:00:00Z`, status, adviserIds, pinned });
}

describe('absences API', () => {
  it('when an absence is posted, then 201 and the adviser leaves draft turns in the range but stays on published ones', async () => {
    const { t, region, espooAdviser } = await setup();
    const other = makeAdviser(t.db, region.cities.espoo);
    const admin = await makeUser(t, 'admin');
    const draftIn = turnOn(t, region.services.email, region.cities.espoo, '2027-03-02', 'draft', [espooAdviser, other]);
    const draftPinned = turnOn(t, region.services.phone, region.cities.espoo, '2027-03-03', 'draft', [espooAdviser], true);
    const draftOut = turnOn(t, region.services.email, region.cities.espoo, '2027-03-10', 'draft', [espooAdviser]);
    const published = turnOn(t, region.services.email, region.cities.espoo, '2027-03-04', 'published', [espooAdviser]);
    const before = (t.db.prepare('SELECT version FROM turns WHERE id = ?').get(draftIn) as { version: number }).version;

    const res = await request(t.app)
      .post('/api/v1/absences')
      .set('Authorization', `Bearer ${apiToken(t, admin.id)}`)
      .send({ adviserId: espooAdviser, from: '2027-03-01', to: '2027-03-05', reason: 'training' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      adviserId: espooAdviser,
      from: '2027-03-01',
      to: '2027-03-05',
      reason: 'training',
      openedDraftAssignments: 2,
      affectedPublishedTurns: 1,
    });
    expect(assignmentsOf(t, draftIn)).toEqual([other]);
    expect(assignmentsOf(t, draftPinned)).toEqual([]);
    expect(assignmentsOf(t, draftOut)).toEqual([espooAdviser]);
    expect(assignmentsOf(t, published)).toEqual([espooAdviser]);
    expect((t.db.prepare('SELECT version FROM turns WHERE id = ?').get(draftIn) as { version: number }).version).toBe(before + 1);
  });

  it("when listing by adviser, then only that adviser's absences come back in the contract shape", async () => {
    const { t, espooAdviser, vantaaAdviser } = await setup();
    const admin = await makeUser(t, 'admin');
    const id = makeAbsence(t.db, espooAdviser, '2027-01-01', '2027-01-02', "O'Hara; DELETE FROM absences");
    makeAbsence(t.db, vantaaAdviser, '2027-01-01', '2027-01-02');
    const res = await request(t.app)
      .get(`/api/v1/absences?adviserId=${espooAdviser}`)
      .set('Authorization', `Bearer ${apiToken(t, admin.id)}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ id, adviserId: espooAdviser, from: '2027-01-01', to: '2027-01-02', reason: "O'Hara; DELETE FROM absences" }]);
  });

  it.each([
    ['from after to', { from: '2027-03-05', to: '2027-03-01' }, 'to'],
    ['a bad date', { from: '2027-02-30' }, 'from'],
    ['a missing from', { from: undefined }, 'from'],
    ['367 days', { from: '2027-01-01', to: '2028-01-02' }, 'to'],
    ['a reason over 200 characters', { reason: 'x'.repeat(201) }, 'reason'],
    ['an unknown adviser', { adviserId: 987654 }, 'adviserId'],
  ])('when the body has %s, then 400 naming the field and nothing is written', async (_label, change, field) => {
    const { t, espooAdviser } = await setup();
    const admin = await makeUser(t, 'admin');
    const res = await request(t.app)
      .post('/api/v1/absences')
      .set('Authorization', `Bearer ${apiToken(t, admin.id)}`)
      .send({ adviserId: espooAdviser, from: '2027-03-01', to: '2027-03-05', reason: 'x', ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(absenceCount(t)).toBe(0);
  });

  it('when 366 days inclusive are entered, then it is accepted', async () => {
    const { t, espooAdviser } = await setup();
    const admin = await makeUser(t, 'admin');
    const res = await request(t.app)
      .post('/api/v1/absences')
      .set('Authorization', `Bearer ${apiToken(t, admin.id)}`)
      .send({ adviserId: espooAdviser, from: '2028-01-01', to: '2028-12-31', reason: '' });
    expect(res.status).toBe(201);
  });

  it('when the Espoo supervisor enters a Vantaa absence, then 403 and nothing is written', async () => {
    const { t, region, espooAdviser, vantaaAdviser } = await setup();
    const sup = await makeUser(t, 'supervisor', { cityId: region.cities.espoo });
    const auth = `Bearer ${apiToken(t, sup.id)}`;
    expect(
      (await request(t.app).post('/api/v1/absences').set('Authorization', auth).send({ adviserId: vantaaAdviser, from: '2027-03-01', to: '2027-03-01' }))
        .status,
    ).toBe(403);
    expect(absenceCount(t)).toBe(0);
    expect(
      (await request(t.app).post('/api/v1/absences').set('Authorization', auth).send({ adviserId: espooAdviser, from: '2027-03-01', to: '2027-03-01' })).status,
    ).toBe(201);
  });

  it("when an adviser enters their own absence, then 201; another adviser's, then 403; and they list only their own", async () => {
    const { t, region, espooAdviser } = await setup();
    const colleague = makeAdviser(t.db, region.cities.espoo);
    makeAbsence(t.db, colleague, '2027-01-01', '2027-01-01');
    const user = await makeUser(t, 'adviser', { adviserId: espooAdviser });
    const auth = `Bearer ${apiToken(t, user.id)}`;
    expect(
      (await request(t.app).post('/api/v1/absences').set('Authorization', auth).send({ adviserId: espooAdviser, from: '2027-03-01', to: '2027-03-02' })).status,
    ).toBe(201);
    expect(
      (await request(t.app).post('/api/v1/absences').set('Authorization', auth).send({ adviserId: colleague, from: '2027-03-01', to: '2027-03-02' })).status,
    ).toBe(403);
    const list = await request(t.app).get(`/api/v1/absences?adviserId=${colleague}`).set('Authorization', auth);
    expect(list.body.map((a: { adviserId: number }) => a.adviserId)).toEqual([espooAdviser]);
  });
});

describe('absence pages', () => {
  it('when an adviser enters an absence in the form, then they are redirected with a flash counting opened assignments', async () => {
    const { t, region, espooAdviser } = await setup();
    turnOn(t, region.services.email, region.cities.espoo, '2027-03-02', 'draft', [espooAdviser]);
    const { browser } = await loggedIn(t, 'adviser', { adviserId: espooAdviser });
    const form = await browser.get('/absences/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Do not write health details');
    const res = await browser.post('/absences', { adviserId: String(espooAdviser), from: '2027-03-01', to: '2027-03-03', reason: 'course' });
    expect(res.status).toBe(303);
    const list = await browser.get(res.headers.location as string);
    expect(list.text).toContain('Draft assignments opened: 1');
    expect(list.text).toContain('course');
  });

  it('when the form has from after to, then it re-renders with 400, the error beside the field, values kept, nothing written', async () => {
    const { t, espooAdviser } = await setup();
    const { browser } = await loggedIn(t, 'admin', { language: 'fi' });
    const res = await browser.post('/absences', { adviserId: String(espooAdviser), from: '2027-03-05', to: '2027-03-01', reason: 'kept reason' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Alkupäivä ei voi olla loppupäivän jälkeen.');
    expect(res.text).toContain('value="kept reason"');
    expect(absenceCount(t)).toBe(0);
  });

  it('when the Espoo supervisor posts a Vantaa absence or edits one, then 403', async () => {
    const { t, region, vantaaAdviser } = await setup();
    const id = makeAbsence(t.db, vantaaAdviser, '2027-01-01', '2027-01-02', 'orig');
    const { browser } = await loggedIn(t, 'supervisor', { cityId: region.cities.espoo });
    expect((await browser.post('/absences', { adviserId: String(vantaaAdviser), from: '2027-03-01', to: '2027-03-01' })).status).toBe(403);
    expect((await browser.get(`/absences/${id}/edit`)).status).toBe(403);
    expect((await browser.post(`/absences/${id}`, { adviserId: String(vantaaAdviser), from: '2027-03-01', to: '2027-03-01', version: '1' })).status).toBe(403);
    expect((await browser.post(`/absences/${id}/delete`, { version: '1' })).status).toBe(403);
    expect(absenceCount(t)).toBe(1);
  });

  it('when editing with a stale version, then 409 and nothing changes; with the current one, then saved', async () => {
    const { t, espooAdviser } = await setup();
    const id = makeAbsence(t.db, espooAdviser, '2027-01-01', '2027-01-02', 'orig');
    const { browser } = await loggedIn(t, 'admin');
    t.db.prepare('UPDATE absences SET version = 2 WHERE id = ?').run(id);
    const stale = await browser.post(`/absences/${id}`, {
      adviserId: String(espooAdviser),
      from: '2027-01-01',
      to: '2027-01-03',
      reason: 'changed',
      version: '1',
    });
    expect(stale.status).toBe(409);
    expect((t.db.prepare('SELECT reason FROM absences WHERE id = ?').get(id) as { reason: string }).reason).toBe('orig');
    const ok = await browser.post(`/absences/${id}`, {
      adviserId: String(espooAdviser),
      from: '2027-01-01',
      to: '2027-01-03',
      reason: 'changed',
      version: '2',
    });
    expect(ok.status).toBe(303);
    expect(t.db.prepare('SELECT reason, to_date FROM absences WHERE id = ?').get(id) as { reason: string; to_date: string }).toEqual({
      reason: 'changed',
      to_date: '2027-01-03',
    });
  });

  it('when an adviser deletes their own absence, then it is gone', async () => {
    const { t, espooAdviser } = await setup();
    const id = makeAbsence(t.db, espooAdviser, '2027-01-01', '2027-01-02');
    const { browser } = await loggedIn(t, 'adviser', { adviserId: espooAdviser });
    const res = await browser.post(`/absences/${id}/delete`, { version: '1' });
    expect(res.status).toBe(303);
    expect(absenceCount(t)).toBe(0);
  });

  it('when a reason or adviser name holds a script tag, then the list shows it escaped', async () => {
    const { t, region } = await setup();
    const evil = makeAdviser(t.db, region.cities.espoo, { name: '<script>alert(1)</script>' });
    makeAbsence(t.db, evil, '2027-01-01', '2027-01-02', '<img src=x onerror=alert(2)>');
    const { browser } = await loggedIn(t, 'admin');
    const page = await browser.get('/absences');
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('when there are no absences, then the list says so', async () => {
    const { t } = await setup();
    const { browser } = await loggedIn(t, 'admin');
    expect((await browser.get('/absences')).text).toContain('No absences match these filters.');
  });
});
