import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { closedDates } from '../src/features/closures/rules.js';
import { apiAs, browserAs, countRows, EVIL, EVIL_ESCAPED, SQL } from './cities.helpers.js';
import { makeTestApp } from './helpers/app.js';
import { makeClosure } from './helpers/factories.js';

const fixedClock = { now: () => new Date('2026-05-15T09:00:00Z') };

async function api(role: 'admin' | 'supervisor' | 'adviser' = 'adviser', language: 'fi' | 'sv' | 'en' = 'en') {
  const t = makeTestApp({ clock: fixedClock });
  return { t, client: await apiAs(t, role, { language }) };
}

describe('closures API', () => {
  it('when asking for 2026 and 2027, then the Finnish holidays and default closures match the calendar', async () => {
    const { client } = await api();
    const res = await client.get('/api/v1/closures?from=2026-01-01&to=2027-12-31');
    expect(res.status).toBe(200);
    const rows = res.body as { date: string; name: string; kind: string }[];
    const byDate = new Map(rows.map((r) => [r.date, r]));
    const holidays2026 = [
      '2026-01-01',
      '2026-01-06',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-24',
      '2026-06-20',
      '2026-10-31',
      '2026-12-06',
      '2026-12-25',
      '2026-12-26',
    ];
    const holidays2027 = [
      '2027-01-01',
      '2027-01-06',
      '2027-03-26',
      '2027-03-28',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-16',
      '2027-06-26',
      '2027-11-06',
      '2027-12-06',
      '2027-12-25',
      '2027-12-26',
    ];
    for (const d of [...holidays2026, ...holidays2027]) expect(byDate.get(d)?.kind, d).toBe('holiday');
    for (const d of ['2026-06-19', '2026-12-24', '2027-06-25', '2027-12-24']) expect(byDate.get(d)?.kind, d).toBe('closure');
    expect(rows).toHaveLength(holidays2026.length + holidays2027.length + 4);
    expect(byDate.get('2027-03-26')?.name).toBe('Good Friday');
    expect(byDate.get('2027-06-25')?.name).toBe('Midsummer Eve');
    expect(byDate.get('2027-12-06')?.name).toBe('Independence Day');
    expect(rows.map((r) => r.date)).toEqual([...rows.map((r) => r.date)].sort());
  });

  it('when the user speaks Finnish or Swedish, then the names are in that language', async () => {
    const fi = await api('adviser', 'fi');
    const resFi = await fi.client.get('/api/v1/closures?from=2027-12-01&to=2027-12-31');
    expect(resFi.body).toContainEqual({ date: '2027-12-24', name: 'Jouluaatto', kind: 'closure' });
    expect(resFi.body.find((r: { date: string }) => r.date === '2027-12-06').name).toMatch(/itsenäisyyspäivä/i);
    const sv = await api('adviser', 'sv');
    const resSv = await sv.client.get('/api/v1/closures?from=2027-12-01&to=2027-12-31');
    expect(resSv.body).toContainEqual({ date: '2027-12-24', name: 'Julafton', kind: 'closure' });
  });

  it('when an admin has added a closure, then it is listed with kind closure among the holidays, by date', async () => {
    const { t, client } = await api();
    makeClosure(t.db, '2027-05-07', 'Bridge day');
    const res = await client.get('/api/v1/closures?from=2027-05-01&to=2027-05-31');
    expect(res.body.map((r: { date: string; kind: string }) => `${r.date} ${r.kind}`)).toEqual([
      '2027-05-01 holiday',
      '2027-05-06 holiday',
      '2027-05-07 closure',
      '2027-05-16 holiday',
    ]);
  });

  it.each([
    ['', 'missing from and to'],
    ['?from=2027-01-01', 'missing to'],
    ['?from=2027-02-30&to=2027-03-01', 'an impossible date'],
    ['?from=27-01-01&to=2027-03-01', 'a short year'],
    ['?from=2027-03-01&to=2027-01-01', 'from after to'],
    ['?from=2020-01-01&to=2027-01-01', 'more than three years'],
  ])('when the query is %s (%s), then 400 with validation_failed', async (query) => {
    const { client } = await api();
    const res = await client.get(`/api/v1/closures${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.length).toBeGreaterThan(0);
  });

  it('when asking without a token, then 401', async () => {
    const t = makeTestApp();
    const res = await request(t.app).get('/api/v1/closures?from=2027-01-01&to=2027-01-31');
    expect(res.status).toBe(401);
  });

  it('when an admin posts a closure through the API, then 201 and it is listed; a supervisor gets 403', async () => {
    const { t, client } = await api('admin');
    const res = await client.post('/api/v1/closures', { date: '2027-05-07', nameFi: 'Välipäivä', nameSv: 'Klämdag', nameEn: 'Bridge day' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ date: '2027-05-07', name: 'Bridge day', kind: 'closure' });
    for (const role of ['supervisor', 'adviser'] as const) {
      const other = await apiAs(t, role);
      expect((await other.post('/api/v1/closures', { date: '2027-05-08', nameFi: 'x', nameSv: 'x', nameEn: 'x' })).status).toBe(403);
      expect((await other.delete(`/api/v1/closures/${res.body.id}`)).status).toBe(403);
    }
    expect(countRows(t, 'closures')).toBe(1);
    expect((await client.delete(`/api/v1/closures/${res.body.id}`)).status).toBe(204);
    expect(countRows(t, 'closures')).toBe(0);
  });

  it('when closedDates is asked for a range, then it holds holidays, default and added closures and nothing else', () => {
    const t = makeTestApp();
    makeClosure(t.db, '2027-05-07');
    const set = closedDates(t.ctx, '2027-05-01', '2027-05-10');
    expect([...set].sort()).toEqual(['2027-05-01', '2027-05-06', '2027-05-07']);
  });
});

describe('closures page', () => {
  it('when an adviser opens /closures, then the current year is listed and there is no add form', async () => {
    const t = makeTestApp({ clock: fixedClock });
    const { browser } = await browserAs(t, 'adviser');
    const res = await browser.get('/closures');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Closures 2026</h1>');
    expect(res.text).toContain('datetime="2026-06-19"');
    expect(res.text).toContain('Midsummer Eve');
    expect(res.text).not.toContain('action="/closures"');
  });

  it('when ?year=2027, then that year is shown; a bad year gives 400', async () => {
    const t = makeTestApp({ clock: fixedClock });
    const { browser } = await browserAs(t, 'supervisor');
    const res = await browser.get('/closures?year=2027');
    expect(res.text).toContain('datetime="2027-03-26"');
    expect(res.text).not.toContain('datetime="2026-06-19"');
    expect((await browser.get('/closures?year=abc')).status).toBe(400);
    expect((await browser.get('/closures?year=3000')).status).toBe(400);
  });

  it('when an admin adds a closure, then it is saved and shown with a delete button; computed days have none', async () => {
    const t = makeTestApp({ clock: fixedClock });
    const { browser } = await browserAs(t, 'admin');
    await browser.get('/closures');
    const res = await browser.post('/closures', { date: '2027-05-07', nameFi: 'Välipäivä', nameSv: 'Klämdag', nameEn: 'Bridge day' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/closures?year=2027');
    const page = await browser.get('/closures?year=2027');
    expect(page.text).toContain('Saved.');
    expect(page.text).toContain('Bridge day');
    expect(page.text.match(/\/delete"/g)).toHaveLength(1);
  });

  it('when an admin deletes an added closure, then it is gone', async () => {
    const t = makeTestApp({ clock: fixedClock });
    const id = makeClosure(t.db, '2027-05-07');
    const { browser } = await browserAs(t, 'admin');
    await browser.get('/closures?year=2027');
    const res = await browser.post(`/closures/${id}/delete`);
    expect(res.status).toBe(303);
    expect(countRows(t, 'closures')).toBe(0);
    expect((await browser.post(`/closures/${id}/delete`)).status).toBe(404);
  });

  it('when a supervisor or adviser posts or deletes a closure, then 403 and nothing changes', async () => {
    const t = makeTestApp({ clock: fixedClock });
    const id = makeClosure(t.db, '2027-05-07');
    for (const role of ['supervisor', 'adviser'] as const) {
      const { browser } = await browserAs(t, role);
      await browser.get('/closures');
      expect((await browser.post('/closures', { date: '2027-05-08', nameFi: 'a', nameSv: 'a', nameEn: 'a' })).status).toBe(403);
      expect((await browser.post(`/closures/${id}/delete`)).status).toBe(403);
    }
    expect(countRows(t, 'closures')).toBe(1);
  });

  it.each([
    [{ date: '', nameFi: 'a', nameSv: 'a', nameEn: 'a' }, 'date', 'This field is required.'],
    [{ date: '2027-02-30', nameFi: 'a', nameSv: 'a', nameEn: 'a' }, 'date', 'Enter a date as YYYY-MM-DD.'],
    [{ date: '2027-05-07', nameFi: '', nameSv: 'a', nameEn: 'a' }, 'nameFi', 'This field is required.'],
    [{ date: '2027-05-07', nameFi: 'a', nameSv: 'x'.repeat(101), nameEn: 'a' }, 'nameSv', 'At most 100 characters.'],
    [{ date: '2027-12-06', nameFi: 'a', nameSv: 'a', nameEn: 'a' }, 'date', 'This date is already a public holiday or default closure.'],
  ])('when the form has %o, then 400 with the error beside %s and nothing is written', async (form, field, message) => {
    const t = makeTestApp({ clock: fixedClock });
    const { browser } = await browserAs(t, 'admin');
    await browser.get('/closures');
    const res = await browser.post('/closures', form);
    expect(res.status).toBe(400);
    expect(res.text).toContain(`id="f-${field}-error">${message}</p>`);
    expect(res.text).toContain('class="error-summary"');
    expect(countRows(t, 'closures')).toBe(0);
  });

  it('when the date is taken already, then the Finnish user sees the error in Finnish and nothing is added', async () => {
    const t = makeTestApp({ clock: fixedClock });
    makeClosure(t.db, '2027-05-07');
    const { browser } = await browserAs(t, 'admin', { language: 'fi' });
    await browser.get('/closures');
    const res = await browser.post('/closures', { date: '2027-05-07', nameFi: 'a', nameSv: 'a', nameEn: 'a' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Tälle päivälle on jo suljettu päivä.');
    expect(res.text).toContain('value="2027-05-07"');
    expect(countRows(t, 'closures')).toBe(1);
  });

  it('when a name holds markup or SQL, then it is stored verbatim, shown escaped and returned verbatim by the API', async () => {
    const t = makeTestApp({ clock: fixedClock });
    const { browser } = await browserAs(t, 'admin');
    await browser.get('/closures');
    expect((await browser.post('/closures', { date: '2027-05-07', nameFi: SQL, nameSv: SQL, nameEn: EVIL })).status).toBe(303);
    const page = await browser.get('/closures?year=2027');
    expect(page.text).not.toContain(EVIL);
    expect(page.text).toContain(EVIL_ESCAPED);
    const res = await (await apiAs(t, 'adviser')).get('/api/v1/closures?from=2027-05-07&to=2027-05-07');
    expect(res.body[0].name).toBe(EVIL);
    expect(t.db.prepare('SELECT name_fi FROM closures').get()).toEqual({ name_fi: SQL });
    expect(t.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'cities'").get()).toEqual({ n: 1 });
  });
});
