import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, loginAs, logout, startHarness, submitAndWait, switchLanguage, type Harness } from './harness.js';

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

  it('when a visitor sends accessibility feedback in Swedish, then an admin sees it marked as Swedish and can mark it handled', async () => {
    const visitor = await h.newPage({ locale: 'sv-FI' });
    await visitor.goto('/login');
    await visitor.locator('footer a[href="/accessibility"]').click();
    await visitor.waitForURL('**/accessibility');
    expect(await visitor.locator('h1').innerText()).toBe('Tillgänglighetsutlåtande');
    expect(await visitor.locator('#f-page').inputValue()).toBe('/login');
    await visitor.locator('#f-message').fill('Fokus syns inte i kalendern.');
    await visitor.locator('#f-email').fill('anna@example.test');
    await submitAndWait(visitor, () => visitor.getByRole('button', { name: 'Skicka respons' }).click());
    expect(await visitor.locator('h1').innerText()).toBe('Tack för din respons');

    const page = await h.newPage();
    await loginAs(page, await h.makeUser('admin'), '/accessibility');
    await submitAndWait(page, () => page.locator('main a[href="/accessibility/feedback/received"]').click());
    const row = page.locator('tbody tr', { hasText: 'Fokus syns inte' });
    expect(await row.locator('td[lang="sv"]').innerText()).toBe('Fokus syns inte i kalendern.');
    expect(await row.locator('a[href="mailto:anna@example.test"]').count()).toBe(1);
    await submitAndWait(page, () => row.getByRole('button', { name: /Merkitse käsitellyksi/ }).click());
    expect(await page.locator('.flash-success').innerText()).toBe('Palaute on merkitty käsitellyksi.');
    expect(h.t.ctx.repos.accessibilityFeedback.unhandled()).toEqual([]);
  });
});
