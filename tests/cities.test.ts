import { describe, expect, it } from 'vitest';
import { contrastRatio, textOn } from '../src/features/cities/colour.js';
import { apiAs, browserAs, countRows, EVIL, EVIL_ESCAPED, SQL, SQL_ESCAPED } from './cities.helpers.js';
import { makeTestApp, type TestApp } from './helpers/app.js';
import { makeCity, makeRegion, makeService, setShares } from './helpers/factories.js';

const fixedClock = { now: () => new Date('2026-05-15T09:00:00Z') };
const valid = { code: 'lahti', nameFi: 'Lahti', nameSv: 'Lahtis', nameEn: 'Lahti', colour: '#1E6B2E' };
const cityRow = (t: TestApp, id: number) => t.db.prepare('SELECT * FROM cities WHERE id = ?').get(id) as Record<string, unknown>;

describe('cities pages', () => {
  it.each(['admin', 'supervisor', 'adviser'] as const)('when a %s opens /cities, then every city is listed with its colour beside its name', async (role) => {
    const t = makeTestApp({ clock: fixedClock });
    const { cities } = makeRegion(t.db);
    const { browser } = await browserAs(t, role, { cityId: cities.espoo });
    const res = await browser.get('/cities');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<th scope="row"><svg class="swatch"[^>]*><rect[^>]*fill="#005a9c"[^>]*\/><\/svg>Helsinki<\/th>/);
    expect(res.text).toContain('Espoo');
    expect(res.text).toContain('50 %');
    expect(res.text.includes('href="/cities/new"')).toBe(role === 'admin');
  });

  it('when there are no cities, then the page says so', async () => {
    const t = makeTestApp();
    const { browser } = await browserAs(t, 'admin');
    t.db.prepare('DELETE FROM cities').run();
    expect((await browser.get('/cities')).text).toContain('No cities yet.');
  });

  it('when an admin creates a city, then it is stored with a lowercase colour and listed', async () => {
    const t = makeTestApp();
    const { browser } = await browserAs(t, 'admin');
    await browser.get('/cities/new');
    const res = await browser.post('/cities', valid);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/cities');
    const row = t.db.prepare("SELECT * FROM cities WHERE code = 'lahti'").get() as Record<string, unknown>;
    expect(row).toMatchObject({ name_fi: 'Lahti', name_sv: 'Lahtis', name_en: 'Lahti', colour: '#1e6b2e', active: 1, version: 1 });
    const list = await browser.get('/cities');
    expect(list.text).toContain('Created.');
    expect(list.text).toContain('Lahti');
  });

  it.each(['supervisor', 'adviser'] as const)('when a %s tries to create, edit or deactivate a city, then 403 and nothing changes', async (role) => {
    const t = makeTestApp();
    const id = makeCity(t.db, { code: 'keep' });
    const { browser } = await browserAs(t, role, { cityId: id });
    const before = countRows(t, 'cities');
    expect((await browser.get('/cities/new')).status).toBe(403);
    expect((await browser.get(`/cities/${id}/edit`)).status).toBe(403);
    expect((await browser.post('/cities', valid)).status).toBe(403);
    expect((await browser.post(`/cities/${id}`, { ...valid, version: '1', active: 'on' })).status).toBe(403);
    expect((await browser.post(`/cities/${id}/active`, { version: '1' })).status).toBe(403);
    expect(countRows(t, 'cities')).toBe(before);
    expect(cityRow(t, id)).toMatchObject({ code: 'keep', active: 1, version: 1 });
  });

  it.each([
    [{ ...valid, code: '' }, 'code', 'This field is required.'],
    [{ ...valid, code: 'Lahti' }, 'code', 'Lowercase letters, digits and _ only, starting with a letter.'],
    [{ ...valid, nameFi: '' }, 'nameFi', 'This field is required.'],
    [{ ...valid, nameEn: 'x'.repeat(101) }, 'nameEn', 'At most 100 characters.'],
    [{ ...valid, colour: 'red' }, 'colour', 'Enter a colour as #rrggbb.'],
    [{ ...valid, colour: '#12345g' }, 'colour', 'Enter a colour as #rrggbb.'],
    [{ code: 'lahti' }, 'nameSv', 'This field is required.'],
  ])('when the new-city form has %o, then 400 with the error beside %s, values kept, nothing written', async (form, field, message) => {
    const t = makeTestApp();
    const { browser } = await browserAs(t, 'admin');
    const before = countRows(t, 'cities');
    await browser.get('/cities/new');
    const res = await browser.post('/cities', form);
    expect(res.status).toBe(400);
    expect(res.text).toContain(`id="f-${field}-error">${message}</p>`);
    expect(res.text).toContain(`aria-invalid="true"`);
    expect(res.text).toContain('class="error-summary"');
    if (form.code) expect(res.text).toContain(`value="${form.code}"`);
    expect(countRows(t, 'cities')).toBe(before);
  });

  it('when the code is taken, then the Swedish admin sees it in Swedish and nothing is written', async () => {
    const t = makeTestApp();
    makeCity(t.db, { code: 'lahti' });
    const { browser } = await browserAs(t, 'admin', { language: 'sv' });
    const before = countRows(t, 'cities');
    await browser.get('/cities/new');
    const res = await browser.post('/cities', valid);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Koden används redan.');
    expect(countRows(t, 'cities')).toBe(before);
  });

  it('when an admin edits a city with the version read, then it is saved and the version grows', async () => {
    const t = makeTestApp();
    const id = makeCity(t.db, { code: 'old' });
    const { browser } = await browserAs(t, 'admin');
    const form = await browser.get(`/cities/${id}/edit`);
    expect(form.text).toContain('name="version" value="1"');
    const res = await browser.post(`/cities/${id}`, { ...valid, version: '1', active: 'on' });
    expect(res.status).toBe(303);
    expect(cityRow(t, id)).toMatchObject({ code: 'lahti', name_sv: 'Lahtis', version: 2, active: 1 });
  });

  it('when the edit carries a stale version, then 409 and nothing changes', async () => {
    const t = makeTestApp();
    const id = makeCity(t.db, { code: 'old' });
    const { browser } = await browserAs(t, 'admin');
    await browser.get(`/cities/${id}/edit`);
    t.db.prepare('UPDATE cities SET version = 2 WHERE id = ?').run(id);
    const res = await browser.post(`/cities/${id}`, { ...valid, version: '1', active: 'on' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('changed by someone else');
    expect(cityRow(t, id)).toMatchObject({ code: 'old', version: 2 });
    expect((await browser.post(`/cities/${id}/active`, { version: '1' })).status).toBe(409);
    expect(cityRow(t, id)).toMatchObject({ active: 1, version: 2 });
  });

  it('when the edit form is invalid, then it re-renders with 400 and the city is unchanged', async () => {
    const t = makeTestApp();
    const id = makeCity(t.db, { code: 'old' });
    const { browser } = await browserAs(t, 'admin');
    await browser.get(`/cities/${id}/edit`);
    const res = await browser.post(`/cities/${id}`, { ...valid, colour: 'blue', version: '1' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('value="blue"');
    expect(cityRow(t, id)).toMatchObject({ code: 'old', version: 1 });
  });

  it('when an admin deactivates and reactivates a city, then active follows and the version grows each time', async () => {
    const t = makeTestApp();
    const id = makeCity(t.db);
    const { browser } = await browserAs(t, 'admin');
    await browser.get('/cities');
    expect((await browser.post(`/cities/${id}/active`, { version: '1' })).status).toBe(303);
    expect(cityRow(t, id)).toMatchObject({ active: 0, version: 2 });
    const list = await browser.get('/cities');
    expect(list.text).toContain('Deactivated.');
    expect(list.text).toContain('Inactive');
    expect((await browser.post(`/cities/${id}/active`, { version: '2', active: 'on' })).status).toBe(303);
    expect(cityRow(t, id)).toMatchObject({ active: 1, version: 3 });
  });

  it('when a city is unknown, then 404', async () => {
    const t = makeTestApp();
    const { browser } = await browserAs(t, 'admin');
    expect((await browser.get('/cities/99999/edit')).status).toBe(404);
    expect((await browser.get('/cities/abc/edit')).status).toBe(404);
  });

  it('when names hold markup or SQL, then they are stored verbatim and shown escaped on the list and the form', async () => {
    const t = makeTestApp();
    const { browser } = await browserAs(t, 'admin');
    await browser.get('/cities/new');
    expect((await browser.post('/cities', { ...valid, nameEn: EVIL, nameFi: SQL })).status).toBe(303);
    const row = t.db.prepare("SELECT * FROM cities WHERE code = 'lahti'").get() as { id: number; name_en: string; name_fi: string };
    expect(row.name_en).toBe(EVIL);
    expect(row.name_fi).toBe(SQL);
    for (const url of ['/cities', `/cities/${row.id}/edit`]) {
      const page = await browser.get(url);
      expect(page.text).not.toContain(EVIL);
      expect(page.text).toContain(EVIL_ESCAPED);
    }
    expect((await browser.get(`/cities/${row.id}/edit`)).text).toContain(`value="${SQL_ESCAPED}"`);
    expect(countRows(t, 'cities')).toBeGreaterThan(0);
  });
});

describe('cities API', () => {
  it("when listing cities, then each has today's shares per service code as fractions, name in the user's language", async () => {
    const t = makeTestApp({ clock: fixedClock });
    const { cities, services } = makeRegion(t.db);
    setShares(t.db, services.phone, '2026-06-01', { [cities.helsinki]: 0.4, [cities.espoo]: 0.3, [cities.vantaa]: 0.3 });
    const res = await (await apiAs(t, 'adviser', { language: 'fi' })).get('/api/v1/cities');
    expect(res.status).toBe(200);
    const helsinki = res.body.find((c: { code: string }) => c.code === 'helsinki');
    expect(helsinki).toMatchObject({ id: cities.helsinki, code: 'helsinki', name: 'Helsinki fi', shares: { phone: 0.5, email: 0.5, change_security: 0.5 } });
    const espoo = res.body.find((c: { code: string }) => c.code === 'espoo');
    expect(espoo.shares).toEqual({ phone: 0.25, email: 0.25, change_security: 0.25 });
  });

  it('when a city has no share for a service, then its share is 0', async () => {
    const t = makeTestApp({ clock: fixedClock });
    const city = makeCity(t.db, { code: 'solo' });
    const service = makeService(t.db, { code: 'phone' });
    setShares(t.db, service, '2030-01-01', { [city]: 1 });
    const res = await (await apiAs(t, 'admin')).get('/api/v1/cities');
    expect(res.body.find((c: { code: string }) => c.code === 'solo').shares).toEqual({ phone: 0 });
  });

  it('when an admin posts and patches a city with the version, then 201 and 200; a stale version gives 409 and nothing changes', async () => {
    const t = makeTestApp();
    const admin = await apiAs(t, 'admin');
    const created = await admin.post('/api/v1/cities', valid);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'lahti', name: 'Lahti', colour: '#1e6b2e', active: true, version: 1 });
    const id = created.body.id as number;
    const patched = await admin.patch(`/api/v1/cities/${id}`, { nameEn: 'Lahti city' }, { 'If-Match': '"1"' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Lahti city', version: 2, code: 'lahti' });
    const stale = await admin.patch(`/api/v1/cities/${id}`, { nameEn: 'Lost', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(cityRow(t, id)).toMatchObject({ name_en: 'Lahti city', version: 2 });
    const noVersion = await admin.patch(`/api/v1/cities/${id}`, { nameEn: 'Lost' });
    expect(noVersion.status).toBe(400);
    expect(cityRow(t, id)).toMatchObject({ name_en: 'Lahti city' });
  });

  it('when the API gets a bad colour or a duplicate code, then 400 or 409 with details and nothing is written', async () => {
    const t = makeTestApp();
    makeCity(t.db, { code: 'lahti' });
    const admin = await apiAs(t, 'admin');
    const before = countRows(t, 'cities');
    const bad = await admin.post('/api/v1/cities', { ...valid, code: 'other', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toContainEqual(expect.objectContaining({ field: 'colour', message: 'Enter a colour as #rrggbb.' }));
    const dup = await admin.post('/api/v1/cities', valid);
    expect(dup.status).toBe(409);
    expect(dup.body.error.details).toContainEqual({ field: 'code', message: 'This code is already in use.' });
    expect(countRows(t, 'cities')).toBe(before);
  });

  it.each(['supervisor', 'adviser'] as const)('when a %s posts or patches a city through the API, then 403', async (role) => {
    const t = makeTestApp();
    const id = makeCity(t.db, { code: 'keep' });
    const client = await apiAs(t, role, { cityId: id });
    expect((await client.post('/api/v1/cities', valid)).status).toBe(403);
    expect((await client.patch(`/api/v1/cities/${id}`, { nameEn: 'x', version: 1 })).status).toBe(403);
    expect(cityRow(t, id)).toMatchObject({ code: 'keep', version: 1 });
  });

  it('when a name holds markup or SQL, then the API returns it verbatim', async () => {
    const t = makeTestApp();
    makeCity(t.db, { code: 'evil', name: EVIL });
    const sqlId = makeCity(t.db, { code: 'sql' });
    t.db.prepare('UPDATE cities SET name_en = ? WHERE id = ?').run(SQL, sqlId);
    const res = await (await apiAs(t, 'adviser')).get('/api/v1/cities');
    expect(res.body.find((c: { code: string }) => c.code === 'evil').name).toBe(EVIL);
    expect(res.body.find((c: { code: string }) => c.code === 'sql').name).toBe(SQL);
  });
});

describe('city colours', () => {
  it('when a colour is dark or light, then the text colour on it keeps at least 4.5:1', () => {
    for (const c of ['#005a9c', '#ffff00', '#777777', '#000000', '#ffffff', '#1e6b2e']) {
      expect(contrastRatio(c, textOn(c))).toBeGreaterThanOrEqual(4.5);
    }
    expect(textOn('#005a9c')).toBe('#ffffff');
    expect(textOn('#ffff00')).toBe('#000000');
  });
});

describe('cities, services, shares and closures pages in every language', () => {
  it.each(['fi', 'sv'] as const)('when an admin reads the pages in %s, then each renders with no untranslated key', async (language) => {
    const t = makeTestApp({ clock: fixedClock });
    const { cities, services } = makeRegion(t.db);
    const { browser } = await browserAs(t, 'admin', { language });
    for (const url of [
      '/cities',
      '/cities/new',
      `/cities/${cities.espoo}/edit`,
      '/services',
      '/services/new',
      `/services/${services.phone}`,
      `/services/${services.phone}/edit`,
      `/services/${services.phone}/shares`,
      '/closures',
    ]) {
      const res = await browser.get(url);
      expect(res.status, url).toBe(200);
      expect(res.text, url).toContain(`<html lang="${language}">`);
      expect(res.text, url).not.toMatch(/\b(cities|services|shares|closures|common|errors)\.[a-zA-Z_]+\b/);
    }
  });
});
