import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OidcConfig } from '../../src/config.js';
import { parseRoleMap } from '../../src/features/oidc/role-map.js';
import { listenIdp, type TestIdp } from '../oidc/idp.js';
import { describeBrowser, runAxe, startHarness, submitAndWait, type Harness } from './harness.js';

// The sign-in in Chromium: the transaction cookie must survive the provider's
// cross-site redirect back (SameSite=Lax), and the logout form's redirect to
// the provider must pass the CSP's form-action.
describeBrowser('single sign-on in a real browser', () => {
  let h: Harness;
  let idp: TestIdp;

  beforeAll(async () => {
    const listening = await listenIdp();
    const map = parseRoleMap(JSON.stringify({ 'vuoro-supervisors-helsinki': { role: 'supervisor', city: 'helsinki' }, 'vuoro-admins': { role: 'admin' } }));
    if (!map.ok) throw new Error(map.problems.join());
    const oidc: OidcConfig = {
      issuer: listening.issuer,
      clientId: 'vuoro-test',
      clientSecret: 'a-client-secret-for-the-tests-only',
      scopes: 'openid profile email',
      roleClaim: 'groups',
      roleMap: map.map,
    };
    h = await startHarness({ config: { oidc } });
    idp = listening.register(h.baseUrl);
  });
  afterAll(async () => {
    await h?.close();
    await idp?.close();
  });

  async function signInAtProvider(h: Harness, account: string) {
    const page = await h.newPage();
    await page.goto('/login');
    expect(await runAxe(page)).toEqual([]);
    await submitAndWait(page, () => page.getByRole('link', { name: 'Kirjaudu kaupungin tunnuksella' }).click());
    expect(page.url().startsWith(`${idp.issuer}/`)).toBe(true);
    await page.locator('input[name="login"]').fill(account);
    await page.locator('input[name="password"]').fill('any password');
    await submitAndWait(page, () => page.locator('button[type="submit"]').click());
    return page;
  }

  it('when a supervisor signs in with the city account and logs out, then both the vuoro and the provider session end', async () => {
    idp.accounts.set('maija', { name: 'Maija Esimies', email: 'maija.esimies@hel.fi', groups: ['vuoro-supervisors-helsinki'] });
    const page = await signInAtProvider(h, 'maija');
    expect(new URL(page.url()).origin).toBe(h.baseUrl);
    expect(await page.locator('.account').textContent()).toContain('Maija Esimies');

    await submitAndWait(page, () => page.locator('form[action="/logout"] button[type="submit"]').click());
    expect(page.url().startsWith(`${idp.issuer}/session/end`)).toBe(true);
    await submitAndWait(page, () => page.locator('button[name="logout"]').click());
    expect(page.url()).toBe(h.url('/login'));
    await page.goto('/profile');
    expect(new URL(page.url()).pathname).toBe('/login');
  }, 90_000);

  it('when the groups give no access, then the refusal page is accessible and says so in Finnish', async () => {
    idp.accounts.set('ulla', { name: 'Ulla Ulkopuolinen', email: 'ulla@hel.fi', groups: ['someone-else'] });
    const page = await signInAtProvider(h, 'ulla');
    expect(await page.locator('h1').textContent()).toBe('Kirjautuminen estetty');
    expect(await page.locator('[role="alert"]').textContent()).toContain('ei ole käyttöoikeutta');
    expect(await runAxe(page)).toEqual([]);
  }, 90_000);
});
