import { describe, expect, it } from 'vitest';
import { Browser, loggedIn, makeTestApp, PASSWORD } from './helpers/app.js';
import { makeAdviser, makeRegion } from './helpers/factories.js';

const NEW_PASSWORD = 'a brand new passphrase';

describe('/profile', () => {
  it.each(['admin', 'supervisor', 'adviser'] as const)('when a %s opens /profile, then it shows their account', async (role) => {
    const t = makeTestApp();
    const region = makeRegion(t.db);
    const adviser = makeAdviser(t.db, region.cities.espoo, { name: 'Linked Adviser' });
    const { browser, user } = await loggedIn(
      t,
      role,
      role === 'supervisor' ? { cityId: region.cities.espoo } : role === 'adviser' ? { adviserId: adviser } : {},
    );
    const res = await browser.get('/profile');
    expect(res.status).toBe(200);
    expect(res.text).toContain(user.username);
    expect(res.text).toContain('href="/profile" aria-current="page"');
    if (role === 'adviser') expect(res.text).toContain('Linked Adviser');
  });

  it('when choosing Swedish, then the setting is stored and pages speak Swedish', async () => {
    const t = makeTestApp();
    const { browser, user } = await loggedIn(t, 'admin');
    const res = await browser.post('/profile/language', { language: 'sv', version: '1' });
    expect(res.status).toBe(303);
    expect((t.db.prepare('SELECT language FROM users WHERE id = ?').get(user.id) as { language: string }).language).toBe('sv');
    expect((await browser.get('/profile')).text).toContain('<html lang="sv">');
  });

  it('when the current password is wrong, then 400, the message beside the field, and the password is unchanged', async () => {
    const t = makeTestApp();
    const { browser, user } = await loggedIn(t, 'adviser', { adviserId: makeAdviser(t.db, makeRegion(t.db).cities.espoo) });
    const res = await browser.post('/profile/password', { currentPassword: 'wrong wrong wrong', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.text).toContain('The current password is wrong.');
    expect((await new Browser(t.app).post('/login', { username: user.username, password: PASSWORD })).status).toBe(303);
  });

  it('when the new passwords differ or are short, then 400', async () => {
    const t = makeTestApp();
    const { browser } = await loggedIn(t, 'admin');
    expect(
      (await browser.post('/profile/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: 'something else entirely' })).status,
    ).toBe(400);
    const short = await browser.post('/profile/password', { currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('At least 12 characters.');
  });

  it('when the password is changed, then the new one logs in, other sessions end and this one continues', async () => {
    const t = makeTestApp();
    const { browser, user } = await loggedIn(t, 'admin');
    const other = new Browser(t.app);
    await other.login(user.username);
    const res = await browser.post('/profile/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).toBe(303);
    expect((await browser.get('/profile')).status).toBe(200);
    expect((await other.get('/profile')).status).toBe(303);
    expect((await new Browser(t.app).post('/login', { username: user.username, password: NEW_PASSWORD })).status).toBe(303);
  });
});
