import { describe, expect, it } from 'vitest';
import { apiAs, browserAs, countRows, EVIL, EVIL_ESCAPED, SQL, SQL_ESCAPED } from './cities.helpers.js';
import { makeTestApp, type TestApp } from './helpers/app.js';
import { makeRegion, makeService } from './helpers/factories.js';

const valid = { code: 'chat', nameFi: 'Chat-neuvonta', nameSv: 'Chattrådgivning', nameEn: 'Chat advisory', rotationUnit: 'day' };
const serviceRow = (t: TestApp, id: number) => t.db.prepare('SELECT * FROM services WHERE id = ?').get(id) as Record<string, unknown>;
const templates = (t: TestApp, id: number) =>
  t.db
    .prepare('SELECT weekday, start_time, end_time, headcount, required_language FROM turn_templates WHERE service_id = ? ORDER BY weekday, start_time')
    .all(id);

describe('services pages', () => {
  it.each(['admin', 'supervisor', 'adviser'] as const)('when a %s lists and opens services, then names, units and the pattern show', async (role) => {
    const t = makeTestApp();
    const { services } = makeRegion(t.db);
    const { browser } = await browserAs(t, role);
    const list = await browser.get('/services');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Phone advisory');
    expect(list.text).toContain('10 turns a week');
    expect(list.text).toContain('Week');
    expect(list.text.includes('href="/services/new"')).toBe(role === 'admin');
    const show = await browser.get(`/services/${services.phone}`);
    expect(show.status).toBe(200);
    expect(show.text).toContain('<th scope="row">Monday</th>');
    expect(show.text).toMatch(/<td>09:00<\/td>\s*<td>12:00<\/td>\s*<td>2<\/td>\s*<td>sv<\/td>/);
    expect(show.text.includes('action="/services/' + services.phone + '/templates"')).toBe(role === 'admin');
  });

  it('when there are no services or no pattern, then the pages say so', async () => {
    const t = makeTestApp();
    const { browser } = await browserAs(t, 'adviser');
    expect((await browser.get('/services')).text).toContain('No services yet.');
    const id = makeService(t.db, { templates: [] });
    expect((await browser.get(`/services/${id}`)).text).toContain('The weekly pattern is empty');
  });

  it('when an admin creates a service, then it is stored and the service page opens', async () => {
    const t = makeTestApp();
    const { browser } = await browserAs(t, 'admin');
    await browser.get('/services/new');
    const res = await browser.post('/services', valid);
    expect(res.status).toBe(303);
    const row = t.db.prepare("SELECT * FROM services WHERE code = 'chat'").get() as { id: number; rotation_unit: string };
    expect(row.rotation_unit).toBe('day');
    expect(res.headers.location).toBe(`/services/${row.id}`);
  });

  it.each(['supervisor', 'adviser'] as const)('when a %s tries to create or edit a service or its pattern, then 403 and nothing changes', async (role) => {
    const t = makeTestApp();
    const id = makeService(t.db, { code: 'keep' });
    const { browser } = await browserAs(t, role);
    const before = countRows(t, 'services');
    const tplBefore = countRows(t, 'turn_templates');
    const tplId = (t.db.prepare('SELECT id FROM turn_templates WHERE service_id = ? LIMIT 1').get(id) as { id: number }).id;
    expect((await browser.get('/services/new')).status).toBe(403);
    expect((await browser.get(`/services/${id}/edit`)).status).toBe(403);
    expect((await browser.post('/services', valid)).status).toBe(403);
    expect((await browser.post(`/services/${id}`, { ...valid, version: '1', active: 'on' })).status).toBe(403);
    expect((await browser.post(`/services/${id}/active`, { version: '1' })).status).toBe(403);
    expect((await browser.post(`/services/${id}/templates`, { version: '1', weekday: '6', start: '10:00', end: '11:00', headcount: '1' })).status).toBe(403);
    expect((await browser.post(`/services/${id}/templates/${tplId}/delete`, { version: '1' })).status).toBe(403);
    expect(countRows(t, 'services')).toBe(before);
    expect(countRows(t, 'turn_templates')).toBe(tplBefore);
    expect(serviceRow(t, id)).toMatchObject({ code: 'keep', version: 1, active: 1 });
  });

  it.each([
    [{ ...valid, code: '' }, 'code', 'This field is required.'],
    [{ ...valid, code: '1phone' }, 'code', 'Lowercase letters, digits and _ only, starting with a letter.'],
    [{ ...valid, nameSv: 'x'.repeat(101) }, 'nameSv', 'At most 100 characters.'],
    [{ ...valid, rotationUnit: 'month' }, 'rotationUnit', 'Choose one of the options.'],
    [{ code: 'chat' }, 'nameFi', 'This field is required.'],
  ])('when the new-service form has %o, then 400 with the error beside %s and nothing written', async (form, field, message) => {
    const t = makeTestApp();
    const { browser } = await browserAs(t, 'admin');
    await browser.get('/services/new');
    const res = await browser.post('/services', form);
    expect(res.status).toBe(400);
    expect(res.text).toContain(`id="f-${field}-error">${message}</p>`);
    expect(countRows(t, 'services')).toBe(0);
  });

  it('when the code is taken, then the Finnish admin sees it in Finnish and nothing is written', async () => {
    const t = makeTestApp();
    makeService(t.db, { code: 'chat' });
    const { browser } = await browserAs(t, 'admin', { language: 'fi' });
    await browser.get('/services/new');
    const res = await browser.post('/services', valid);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Tunnus on jo käytössä.');
    expect(countRows(t, 'services')).toBe(1);
  });

  it('when an admin edits a service with the current version, then it is saved; a stale version gives 409 and nothing changes', async () => {
    const t = makeTestApp();
    const id = makeService(t.db, { code: 'old' });
    const { browser } = await browserAs(t, 'admin');
    const form = await browser.get(`/services/${id}/edit`);
    expect(form.text).toContain('name="version" value="1"');
    expect((await browser.post(`/services/${id}`, { ...valid, version: '1', active: 'on' })).status).toBe(303);
    expect(serviceRow(t, id)).toMatchObject({ code: 'chat', rotation_unit: 'day', version: 2, active: 1 });
    const stale = await browser.post(`/services/${id}`, { ...valid, nameEn: 'Lost', version: '1', active: 'on' });
    expect(stale.status).toBe(409);
    expect(serviceRow(t, id)).toMatchObject({ name_en: 'Chat advisory', version: 2 });
  });

  it('when an admin deactivates a service, then it is inactive and its version grows', async () => {
    const t = makeTestApp();
    const id = makeService(t.db);
    const { browser } = await browserAs(t, 'admin');
    await browser.get('/services');
    expect((await browser.post(`/services/${id}/active`, { version: '1' })).status).toBe(303);
    expect(serviceRow(t, id)).toMatchObject({ active: 0, version: 2 });
    expect((await browser.get('/services')).text).toContain('Inactive');
  });

  it('when names hold markup or SQL, then they are stored verbatim and shown escaped on every page', async () => {
    const t = makeTestApp();
    const { browser } = await browserAs(t, 'admin');
    await browser.get('/services/new');
    expect((await browser.post('/services', { ...valid, nameEn: EVIL, nameFi: SQL })).status).toBe(303);
    const row = t.db.prepare("SELECT * FROM services WHERE code = 'chat'").get() as { id: number; name_en: string; name_fi: string };
    expect(row).toMatchObject({ name_en: EVIL, name_fi: SQL });
    for (const url of ['/services', `/services/${row.id}`, `/services/${row.id}/edit`, `/services/${row.id}/shares`]) {
      const page = await browser.get(url);
      expect(page.status, url).toBe(200);
      expect(page.text, url).not.toContain(EVIL);
      expect(page.text, url).toContain(EVIL_ESCAPED);
    }
    expect((await browser.get(`/services/${row.id}`)).text).toContain(SQL_ESCAPED);
  });
});

describe('weekly pattern', () => {
  async function setup() {
    const t = makeTestApp();
    const id = makeService(t.db, { templates: [{ weekday: 1, start: '09:00', end: '12:00', headcount: 2, language: 'sv' }] });
    const { browser } = await browserAs(t, 'admin');
    await browser.get(`/services/${id}`);
    return { t, id, browser };
  }

  it('when an admin adds a row that touches but does not overlap, then it is stored and the version grows', async () => {
    const { t, id, browser } = await setup();
    const res = await browser.post(`/services/${id}/templates`, { version: '1', weekday: '1', start: '12:00', end: '16:00', headcount: '2', language: '' });
    expect(res.status).toBe(303);
    expect(templates(t, id)).toEqual([
      { weekday: 1, start_time: '09:00', end_time: '12:00', headcount: 2, required_language: 'sv' },
      { weekday: 1, start_time: '12:00', end_time: '16:00', headcount: 2, required_language: null },
    ]);
    expect(serviceRow(t, id)).toMatchObject({ version: 2 });
  });

  it.each([
    [{ weekday: '1', start: '11:00', end: '13:00', headcount: '1' }, 'start', 'This overlaps the turn 09:00–12:00 on the same weekday.'],
    [{ weekday: '2', start: '12:00', end: '12:00', headcount: '1' }, 'end', 'The end time must be after the start time.'],
    [{ weekday: '2', start: '13:00', end: '09:00', headcount: '1' }, 'end', 'The end time must be after the start time.'],
    [{ weekday: '2', start: '9', end: '12:00', headcount: '1' }, 'start', 'Enter a time as HH:MM.'],
    [{ weekday: '2', start: '09:00', end: '24:30', headcount: '1' }, 'end', 'Enter a time as HH:MM.'],
    [{ weekday: '8', start: '09:00', end: '12:00', headcount: '1' }, 'weekday', 'Must be at most 7.'],
    [{ weekday: '2', start: '09:00', end: '12:00', headcount: '0' }, 'headcount', 'Must be at least 1.'],
    [{ weekday: '2', start: '09:00', end: '12:00', headcount: '51' }, 'headcount', 'Must be at most 50.'],
    [{ weekday: '2', start: '09:00', end: '12:00', headcount: '1', language: 'swedish' }, 'language', 'Choose one of the options.'],
    [{ weekday: '2', start: '', end: '12:00', headcount: '1' }, 'start', 'Enter a time as HH:MM.'],
  ])('when the new row is %o, then 400 with the error beside %s and the pattern is unchanged', async (row, field, message) => {
    const { t, id, browser } = await setup();
    const res = await browser.post(`/services/${id}/templates`, { version: '1', ...row });
    expect(res.status).toBe(400);
    expect(res.text).toContain(`id="f-${field}-error">${message}</p>`);
    expect(templates(t, id)).toHaveLength(1);
    expect(serviceRow(t, id)).toMatchObject({ version: 1 });
  });

  it('when a row is added or removed with a stale version, then 409 and nothing changes', async () => {
    const { t, id, browser } = await setup();
    t.db.prepare('UPDATE services SET version = 5 WHERE id = ?').run(id);
    const add = await browser.post(`/services/${id}/templates`, { version: '1', weekday: '3', start: '09:00', end: '10:00', headcount: '1' });
    expect(add.status).toBe(409);
    const tplId = (t.db.prepare('SELECT id FROM turn_templates WHERE service_id = ?').get(id) as { id: number }).id;
    expect((await browser.post(`/services/${id}/templates/${tplId}/delete`, { version: '1' })).status).toBe(409);
    expect(templates(t, id)).toHaveLength(1);
  });

  it('when an admin removes a row, then it is gone and the page shows the empty state', async () => {
    const { t, id, browser } = await setup();
    const tplId = (t.db.prepare('SELECT id FROM turn_templates WHERE service_id = ?').get(id) as { id: number }).id;
    expect((await browser.post(`/services/${id}/templates/${tplId}/delete`, { version: '1' })).status).toBe(303);
    expect(templates(t, id)).toHaveLength(0);
    expect((await browser.get(`/services/${id}`)).text).toContain('The weekly pattern is empty');
  });
});

describe('services API', () => {
  it('when listing services, then [{id, code, name, rotationUnit}] with the name in the user language', async () => {
    const t = makeTestApp();
    const { services } = makeRegion(t.db);
    const res = await (await apiAs(t, 'adviser', { language: 'sv' })).get('/api/v1/services');
    expect(res.status).toBe(200);
    expect(res.body.map((s: { code: string }) => s.code)).toEqual(['phone', 'email', 'change_security']);
    expect(res.body[2]).toMatchObject({ id: services.changeSecurity, code: 'change_security', name: 'Change security sv', rotationUnit: 'week' });
  });

  it('when reading one service, then its pattern comes with it', async () => {
    const t = makeTestApp();
    const { services } = makeRegion(t.db);
    const res = await (await apiAs(t, 'supervisor')).get(`/api/v1/services/${services.email}`);
    expect(res.body.templates).toHaveLength(5);
    expect(res.body.templates[0]).toMatchObject({ weekday: 1, start: '08:00', end: '16:00', headcount: 1, language: null });
    expect((await (await apiAs(t, 'supervisor')).get('/api/v1/services/9999')).status).toBe(404);
  });

  it('when an admin creates, patches and replaces the pattern with versions, then each applies; stale gives 409', async () => {
    const t = makeTestApp();
    const admin = await apiAs(t, 'admin');
    const created = await admin.post('/api/v1/services', valid);
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const patched = await admin.patch(`/api/v1/services/${id}`, { rotationUnit: 'week', version: 1 });
    expect(patched.body).toMatchObject({ rotationUnit: 'week', version: 2 });
    const pattern = [
      { weekday: 1, start: '09:00', end: '12:00', headcount: 2, language: 'sv' },
      { weekday: 1, start: '12:00', end: '16:00', headcount: 2 },
    ];
    const put = await admin.put(`/api/v1/services/${id}/templates`, { templates: pattern }, { 'If-Match': '"2"' });
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(3);
    expect(templates(t, id)).toHaveLength(2);
    const stale = await admin.put(`/api/v1/services/${id}/templates`, { templates: [], version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(templates(t, id)).toHaveLength(2);
  });

  it('when the API pattern overlaps or has end before start, then 422 or 400 and nothing changes', async () => {
    const t = makeTestApp();
    const id = makeService(t.db);
    const admin = await apiAs(t, 'admin');
    const overlap = await admin.put(`/api/v1/services/${id}/templates`, {
      version: 1,
      templates: [
        { weekday: 2, start: '09:00', end: '12:00', headcount: 1 },
        { weekday: 2, start: '11:00', end: '13:00', headcount: 1 },
      ],
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.error.details[0]).toMatchObject({ field: 'templates.1.start' });
    const backwards = await admin.put(`/api/v1/services/${id}/templates`, {
      version: 1,
      templates: [{ weekday: 2, start: '12:00', end: '09:00', headcount: 1 }],
    });
    expect(backwards.status).toBe(400);
    expect(templates(t, id)).toHaveLength(5);
    expect(serviceRow(t, id)).toMatchObject({ version: 1 });
  });

  it.each(['supervisor', 'adviser'] as const)('when a %s writes services through the API, then 403', async (role) => {
    const t = makeTestApp();
    const id = makeService(t.db, { code: 'keep' });
    const client = await apiAs(t, role);
    expect((await client.post('/api/v1/services', valid)).status).toBe(403);
    expect((await client.patch(`/api/v1/services/${id}`, { nameEn: 'x', version: 1 })).status).toBe(403);
    expect((await client.put(`/api/v1/services/${id}/templates`, { templates: [], version: 1 })).status).toBe(403);
    expect(serviceRow(t, id)).toMatchObject({ code: 'keep', version: 1 });
    expect(templates(t, id)).toHaveLength(5);
  });

  it('when a name holds markup, then the API returns it verbatim', async () => {
    const t = makeTestApp();
    makeService(t.db, { code: 'evil', name: EVIL });
    const res = await (await apiAs(t, 'adviser')).get('/api/v1/services');
    expect(res.body[0].name).toBe(EVIL);
  });
});
