import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, loginAs, logout, startHarness, switchLanguage, type Harness } from './harness.js';

// End-to-end flows through the real UI. Add new flows (generate, edit,
// publish, swap) here or in a sibling file with the same harness.
describeBrowser('end-to-end flows', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when an admin logs in, switches to Swedish and back to Finnish, and logs out, then every page speaks the chosen language', async () => {
    const admin = await h.makeUser('admin');
    const page = await h.newPage();

    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    await loginAs(page, admin, '/');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    expect(await page.locator('.account').innerText()).toContain('Kirjautuneena');

    await switchLanguage(page, 'sv');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.locator('a.skip-link').textContent()).toBe('Hoppa till innehållet');
    expect(await page.locator('form[action="/logout"] button').innerText()).toBe('Logga ut');
    // The choice sticks: it is stored for the user, not just for this response.
    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');

    await switchLanguage(page, 'fi');
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    expect(await page.locator('form[action="/logout"] button').innerText()).toBe('Kirjaudu ulos');

    await logout(page);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('form[action="/logout"]').count()).toBe(0);
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
