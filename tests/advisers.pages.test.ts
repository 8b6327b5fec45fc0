import { describe, expect, it } from 'vitest';
import { loggedIn, makeTestApp, type TestApp } from './helpers/app.js';
import { makeAdviser, makeRegion, makeService } from './helpers/factories.js';

function setup() {
  const t = makeTestApp();
  const region = makeRegion(t.db);
  return { t, region };
}

const count = (t: TestApp) => (t.db.prepare('SELECT count(*) AS n FROM advisers').get() as { n: number }).n;
const row = (t: TestApp, id: number) =>
  t.db.prepare('SELECT name, city_id, version, active FROM advisers WHERE id = ?').get(id) as {
    name: string;
    city_id: number;
    version: number;
    active: number;
  };

function form(cityId: number, over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name: 'Maija Meikäläinen',
    email: 'maija@example.test',
    cityId: String(cityId),
    skills: ['phone', 'email'],
    languages: ['fi', 'sv'],
    otherLanguages: 'de',
    maxHoursPerWeek: '18,5',
    active: 'on',
    desired: ['1'],
    undesired: ['5'],
    activeFrom: '',
    activeTo: '',
    ...over,
  };
}

describe('adviser pages: who may do what', () => {
  it.each(['admin', 'supervisor', 'adviser'] as const)('when a %s opens the list and an adviser, then 200', async (role) => {
    const { t, region } = setup();
    const id = makeAdviser(t.db, region.cities.vantaa, { name: 'Listed Person' });
    const { browser } = await loggedIn(t, role, role === 'supervisor' ? { cityId: region.cities.espoo } : role === 'adviser' ? { adviserId: id } : {});
    const list = await browser.get('/advisers');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Listed Person');
    expect((await browser.get(`/advisers/${id}`)).status).toBe(200);
  });

  it('when an adviser tries to create or edit advisers, then 403 and nothing is written', async () => {
    const { t, region } = setup();
    const own = makeAdviser(t.db, region.cities.espoo, { name: 'Own' });
    const { browser } = await loggedIn(t, 'adviser', { adviserId: own });
    expect((await browser.get('/advisers/new')).status).toBe(403);
    expect((await browser.post('/advisers', form(region.cities.espoo))).status).toBe(403);
    expect((await browser.get(`/advisers/${own}/edit`)).status).toBe(403);
    expect((await browser.post(`/advisers/${own}`, form(region.cities.espoo, { name: 'Hacked', version: '1' }))).status).toBe(403);
    expect((await browser.get('/advisers')).text).not.toContain('href="/advisers/new"');
    expect(count(t)).toBe(1);
    expect(row(t, own).name).toBe('Own');
  });

  it('when the Espoo supervisor edits or deactivates a Vantaa adviser, then 403 and nothing changes', async () => {
    const { t, region } = setup();
    const vantaa = makeAdviser(t.db, region.cities.vantaa, { name: 'Vantaa Person' });
    const { browser } = await loggedIn(t, 'supervisor', { cityId: region.cities.espoo });
    expect((await browser.get(`/advisers/${vantaa}/edit`)).status).toBe(403);
    expect((await browser.post(`/advisers/${vantaa}`, form(region.cities.vantaa, { version: '1' }))).status).toBe(403);
    expect((await browser.post(`/advisers/${vantaa}`, form(region.cities.vantaa, { version: '1', maxHoursPerWeek: '0' }))).status).toBe(403);
    expect((await browser.post(`/advisers/${vantaa}/active`, { active: '0', version: '1' })).status).toBe(403);
    expect((await browser.post('/advisers', form(region.cities.vantaa))).status).toBe(403);
    expect(row(t, vantaa)).toMatchObject({ name: 'Vantaa Person', version: 1, active: 1 });
    expect(count(t)).toBe(1);
  });

  it('when the Espoo supervisor moves an Espoo adviser to Vantaa, then 403', async () => {
    const { t, region } = setup();
    const espoo = makeAdviser(t.db, region.cities.espoo);
    const { browser } = await loggedIn(t, 'supervisor', { cityId: region.cities.espoo });
    expect((await browser.post(`/advisers/${espoo}`, form(region.cities.vantaa, { version: '1' }))).status).toBe(403);
    expect(row(t, espoo).city_id).toBe(region.cities.espoo);
  });
});

describe('adviser pages: forms', () => {
  it('when the Espoo supervisor creates an Espoo adviser, then it is stored with everything and shown', async () => {
    const { t, region } = setup();
    const { browser } = await loggedIn(t, 'supervisor', { cityId: region.cities.espoo });
    const newForm = await browser.get('/advisers/new');
    expect(newForm.text).toContain('<legend>Skills (services)</legend>');
    expect(newForm.text).not.toContain(`<option value="${region.cities.vantaa}"`);
    expect(newForm.text).toContain(`<option value="${region.cities.espoo}"`);
    const res = await browser.post('/advisers', form(region.cities.espoo));
    expect(res.status).toBe(303);
    const page = await browser.get(res.headers.location as string);
    expect(page.text).toContain('Created.');
    expect(page.text).toContain('Maija Meikäläinen');
    expect(page.text).toContain('de, fi, sv');
    expect(page.text).toContain('18.5');
    expect(page.text).toContain('Monday');
  });

  it.each([
    ['hours 0', { maxHoursPerWeek: '0' }, 'Anna tuntimäärä, joka on yli 0 ja enintään 60.'],
    ['hours 61', { maxHoursPerWeek: '61' }, 'Anna tuntimäärä, joka on yli 0 ja enintään 60.'],
    ['a bad email', { email: 'nope' }, 'Anna sähköpostiosoite.'],
    ['a missing name', { name: '' }, 'Tämä kenttä on pakollinen.'],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'Enintään 200 merkkiä.'],
    ['from after to', { activeFrom: '2027-06-01', activeTo: '2027-05-01' }, 'Alkupäivä ei voi olla loppupäivän jälkeen.'],
    ['a bad date', { activeFrom: '2027-13-01' }, 'Anna päivämäärä muodossa VVVV-KK-PP.'],
    ['a weekday both desired and undesired', { desired: ['3'], undesired: ['3'] }, 'Viikonpäivä ei voi olla sekä toivottu että ei-toivottu.'],
    ['no language', { languages: [], otherLanguages: '' }, 'Valitse vähintään yksi kieli.'],
    ['a bad other language', { otherLanguages: 'deutsch' }, 'Anna kaksikirjaimiset kielikoodit välilyönnein erotettuina.'],
    ['an unknown service', { skills: ['juggling'] }, 'Tuntemattomat palvelukoodit: juggling'],
    ['an unknown city', { cityId: '99999' }, 'Kohdetta ei ole.'],
  ])('when the form has %s, then 400 in Finnish beside the field, values kept, nothing written', async (_label, change, message) => {
    const { t } = setup();
    const { browser } = await loggedIn(t, 'admin', { language: 'fi' });
    const res = await browser.post('/advisers', form(1, { name: 'Kept <Value>', ...change }));
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(res.text).toContain('class="error-summary"');
    if (!('name' in change)) expect(res.text).toContain('value="Kept &lt;Value&gt;"');
    expect(count(t)).toBe(0);
  });

  it('when editing with a stale version, then 409 and nothing changes; with the current one, then saved', async () => {
    const { t, region } = setup();
    const id = makeAdviser(t.db, region.cities.espoo, { name: 'Original' });
    const { browser } = await loggedIn(t, 'admin');
    const edit = await browser.get(`/advisers/${id}/edit`);
    expect(edit.text).toContain('name="version" value="1"');
    t.db.prepare('UPDATE advisers SET version = 2 WHERE id = ?').run(id);
    expect((await browser.post(`/advisers/${id}`, form(region.cities.espoo, { name: 'Changed', version: '1' }))).status).toBe(409);
    expect(row(t, id).name).toBe('Original');
    expect((await browser.post(`/advisers/${id}`, form(region.cities.espoo, { name: 'Changed', version: '2' }))).status).toBe(303);
    expect(row(t, id)).toMatchObject({ name: 'Changed', version: 3 });
  });

  it('when deactivating and re-activating, then the flag follows and the version grows', async () => {
    const { t, region } = setup();
    const id = makeAdviser(t.db, region.cities.espoo);
    const { browser } = await loggedIn(t, 'supervisor', { cityId: region.cities.espoo });
    expect((await browser.post(`/advisers/${id}/active`, { active: '0', version: '1' })).status).toBe(303);
    expect(row(t, id)).toMatchObject({ active: 0, version: 2 });
    expect((await browser.post(`/advisers/${id}/active`, { active: '1', version: '1' })).status).toBe(409);
    expect((await browser.get('/advisers?active=0')).text).toContain(`/advisers/${id}`);
    expect((await browser.get('/advisers?active=1')).text).not.toContain(`/advisers/${id}"`);
  });

  it('when filtering by city and service, then only matching advisers are listed', async () => {
    const { t, region } = setup();
    makeAdviser(t.db, region.cities.espoo, { name: 'Espoo Phone', skills: [region.services.phone] });
    makeAdviser(t.db, region.cities.espoo, { name: 'Espoo Email', skills: [region.services.email] });
    makeAdviser(t.db, region.cities.vantaa, { name: 'Vantaa Phone', skills: [region.services.phone] });
    const { browser } = await loggedIn(t, 'admin');
    const page = await browser.get(`/advisers?cityId=${region.cities.espoo}&serviceId=${region.services.phone}`);
    expect(page.text).toContain('Espoo Phone');
    expect(page.text).not.toContain('Espoo Email');
    expect(page.text).not.toContain('Vantaa Phone');
    expect((await browser.get(`/advisers?cityId=${region.cities.helsinki}`)).text).toContain('No advisers match these filters.');
  });

  it('when an inactive service exists, then it is not offered as a skill', async () => {
    const { t } = setup();
    makeService(t.db, { code: 'retired', name: 'Retired Service', active: false });
    const { browser } = await loggedIn(t, 'admin');
    expect((await browser.get('/advisers/new')).text).not.toContain('value="retired"');
  });
});

describe('adviser pages: hostile text', () => {
  it('when a name holds a script tag and SQL, then every page escapes it and the database keeps it verbatim', async () => {
    const { t, region } = setup();
    const name = `<script>alert(1)</script>'; DROP TABLE advisers;--`;
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.post('/advisers', form(region.cities.espoo, { name }));
    expect(res.status).toBe(303);
    const id = Number(/\/advisers\/(\d+)/.exec(res.headers.location as string)?.[1]);
    expect(row(t, id).name).toBe(name);
    for (const url of ['/advisers', `/advisers/${id}`, `/advisers/${id}/edit`, '/absences/new', '/users/new']) {
      const page = await browser.get(url);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('<script>alert(1)</script>');
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&#39;; DROP TABLE advisers;--');
    }
  });
});
