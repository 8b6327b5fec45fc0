import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { Browser, loggedIn, makeTestApp, makeUser, PASSWORD, type TestApp } from './helpers/app.js';
import { makeAdviser, makeRegion } from './helpers/factories.js';

const userCount = (t: TestApp) => (t.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
const NEW_PASSWORD = 'another long passphrase';

describe('/users is for admins only', () => {
  it.each(['supervisor', 'adviser'] as const)('when a %s opens or posts to /users, then 403 and nothing is written', async (role) => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const adviser = makeAdviser(t.db, region.cities.espoo);
    const { browser } = await loggedIn(t, role, role === 'supervisor' ? { cityId: region.cities.espoo } : { adviserId: adviser });
    const before = userCount(t);
    expect((await browser.get('/users')).status).toBe(403);
    expect((await browser.get('/users/new')).status).toBe(403);
    expect((await browser.post('/users', { username: 'sneaky', displayName: 'S', password: NEW_PASSWORD, role: 'admin' })).status).toBe(403);
    expect(userCount(t)).toBe(before);
  });

  it('when not logged in, then /users redirects to the login', async () => {
    const t = makeTestApp();
    const res = await request(t.app).get('/users').set('Accept', 'text/html');
    expect(res.status).toBe(303);
    expect(res.headers.location).toContain('/login');
  });
});

describe('creating users', () => {
  it('when an admin creates a supervisor, then the user can log in with that role and city', async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.post('/users', {
      username: 'esa',
      displayName: 'Esa Esimies',
      password: NEW_PASSWORD,
      role: 'supervisor',
      cityId: String(region.cities.espoo),
      adviserId: '',
      language: 'sv',
    });
    expect(res.status).toBe(303);
    const row = t.db.prepare('SELECT role, city_id, adviser_id, language, password_hash FROM users WHERE username = ?').get('esa') as Record<string, unknown>;
    expect(row).toMatchObject({ role: 'supervisor', city_id: region.cities.espoo, adviser_id: null, language: 'sv' });
    expect(row.password_hash).not.toContain(NEW_PASSWORD);
    const esa = new Browser(t.app);
    expect((await esa.login('esa', NEW_PASSWORD)).status).toBe(303);
    expect((await esa.get('/')).text).toContain('<html lang="sv">');
  });

  it.each([
    ['a short password', { password: 'short' }, 'Vähintään 12 merkkiä.'],
    ['a supervisor without a city', { role: 'supervisor', cityId: '' }, 'Esihenkilöllä on oltava kaupunki.'],
    ['an adviser without an adviser record', { role: 'adviser', adviserId: '' }, 'Neuvojakäyttäjällä on oltava neuvojatieto.'],
    ['an unknown adviser record', { role: 'adviser', adviserId: '99999' }, 'Kohdetta ei ole.'],
    ['a missing user name', { username: '' }, 'Tämä kenttä on pakollinen.'],
    ['a user name with spaces', { username: 'a b' }, 'Arvo ei kelpaa.'],
    ['a display name over 200 characters', { displayName: 'x'.repeat(201) }, 'Enintään 200 merkkiä.'],
  ])('when the form has %s, then 400 with the message in Finnish and nothing is written', async (_label, change, message) => {
    const t = makeTestApp();
    makeRegion(t.db);
    const { browser } = await loggedIn(t, 'admin', { language: 'fi' });
    const before = userCount(t);
    const res = await browser.post('/users', {
      username: 'newbie',
      displayName: 'Kept Name',
      password: NEW_PASSWORD,
      role: 'adviser',
      adviserId: '',
      cityId: '',
      language: '',
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(userCount(t)).toBe(before);
  });

  it('when the user name is taken (in any case), then 400 and nothing is written', async () => {
    const t = makeTestApp();
    await makeUser(t, 'admin', { username: 'taken' });
    const { browser } = await loggedIn(t, 'admin');
    const before = userCount(t);
    const res = await browser.post('/users', { username: 'TAKEN', displayName: 'X', password: NEW_PASSWORD, role: 'admin' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('This user name is already in use.');
    expect(userCount(t)).toBe(before);
  });

  it('when an adviser record is already linked to a user, then linking it again fails', async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const adviser = makeAdviser(t.db, region.cities.espoo);
    await makeUser(t, 'adviser', { adviserId: adviser, username: 'first' });
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.post('/users', { username: 'second', displayName: 'X', password: NEW_PASSWORD, role: 'adviser', adviserId: String(adviser) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('already linked to the user first');
  });

  it('when names hold a script tag or SQL, then the list shows them escaped and verbatim', async () => {
    const t = makeTestApp();
    const { browser } = await loggedIn(t, 'admin');
    const created = await browser.post('/users', {
      username: 'sql.user',
      displayName: "<script>alert(1)</script>'; DROP TABLE users;--",
      password: NEW_PASSWORD,
      role: 'admin',
    });
    expect(created.status).toBe(303);
    const list = await browser.get('/users');
    expect(list.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&#39;; DROP TABLE users;--');
    expect(list.text).not.toContain('<script>alert(1)</script>');
    const stored = t.db.prepare('SELECT display_name FROM users WHERE username = ?').get('sql.user') as { display_name: string };
    expect(stored.display_name).toBe("<script>alert(1)</script>'; DROP TABLE users;--");
  });
});

describe('editing users', () => {
  it('when an admin deactivates a user, then their sessions end and their token stops working', async () => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const victim = await loggedIn(t, 'supervisor', { cityId: region.cities.espoo });
    const { createApiToken } = await import('../src/features/auth/rules.js');
    const token = createApiToken(t.ctx, victim.user.id, 'x').token;
    expect((await request(t.app).get('/api/v1/advisers').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.post(`/users/${victim.user.id}`, {
      displayName: 'Gone',
      role: 'supervisor',
      cityId: String(region.cities.espoo),
      adviserId: '',
      language: '',
      version: '1',
    });
    expect(res.status).toBe(303);
    expect((t.db.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?').get(victim.user.id) as { n: number }).n).toBe(0);
    expect((await victim.browser.get('/')).status).toBe(303);
    expect((await request(t.app).get('/api/v1/advisers').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('when the version is stale, then 409 and nothing changes', async () => {
    const t = makeTestApp();
    const other = await makeUser(t, 'admin', { username: 'other' });
    const { browser } = await loggedIn(t, 'admin');
    t.db.prepare('UPDATE users SET version = 2 WHERE id = ?').run(other.id);
    const res = await browser.post(`/users/${other.id}`, { displayName: 'Changed', role: 'admin', language: '', active: 'on', version: '1' });
    expect(res.status).toBe(409);
    expect((t.db.prepare('SELECT display_name FROM users WHERE id = ?').get(other.id) as { display_name: string }).display_name).toBe('Test other');
  });

  it('when an admin tries to deactivate themselves, then 400 and they stay active', async () => {
    const t = makeTestApp();
    const { browser, user } = await loggedIn(t, 'admin');
    const res = await browser.post(`/users/${user.id}`, { displayName: 'Me', role: 'admin', language: '', version: '1' });
    expect(res.status).toBe(400);
    expect((t.db.prepare('SELECT active FROM users WHERE id = ?').get(user.id) as { active: number }).active).toBe(1);
  });

  it('when an admin resets a password, then the new one works and the old one does not', async () => {
    const t = makeTestApp();
    const target = await makeUser(t, 'admin', { username: 'target' });
    const { browser } = await loggedIn(t, 'admin');
    expect((await browser.post(`/users/${target.id}/password`, { password: 'short', version: '1' })).status).toBe(400);
    const res = await browser.post(`/users/${target.id}/password`, { password: NEW_PASSWORD, version: '1' });
    expect(res.status).toBe(303);
    expect((await new Browser(t.app).post('/login', { username: 'target', password: PASSWORD })).status).toBe(401);
    expect((await new Browser(t.app).post('/login', { username: 'target', password: NEW_PASSWORD })).status).toBe(303);
  });

  it('when the user does not exist, then 404', async () => {
    const t = makeTestApp();
    const { browser } = await loggedIn(t, 'admin');
    expect((await browser.get('/users/9999/edit')).status).toBe(404);
  });
});
