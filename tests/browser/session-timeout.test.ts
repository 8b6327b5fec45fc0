import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, loginAs, startHarness, type Harness } from './harness.js';

// WCAG 2.2.1 Timing Adjustable: before the idle timeout ends a session the
// user is warned and can extend it. A 6-second idle timeout makes it testable:
// the warning comes 3 s after the last request.
describeBrowser('session timeout warning', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { sessionIdleMs: 6_000 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when the idle timeout nears, then a warning takes focus and continuing keeps the session alive past the timeout', async () => {
    const adviser = await h.makeUser('adviser');
    const page = await h.newPage({ locale: 'en-GB' });
    await loginAs(page, adviser, '/roster/mine');
    const warning = page.locator('#session-warning');
    await expect.poll(() => warning.isHidden()).toBe(true);

    await warning.waitFor({ state: 'visible', timeout: 8_000 });
    expect(await warning.getAttribute('role')).toBe('alertdialog');
    expect(await page.locator('#session-warning-text').innerText()).toMatch(/\d+ minutes|minuutin/);
    expect(await page.evaluate<string | null>("document.activeElement && document.activeElement.getAttribute('data-keepalive')")).toBe('/session/keepalive');

    // Continue twice across more than the whole idle timeout: the session must survive.
    await page.locator('#session-warning button').click();
    await expect.poll(() => page.locator('#session-warning-text').innerText()).not.toMatch(/minutes|minuutin/);
    await warning.waitFor({ state: 'visible', timeout: 8_000 });
    await page.locator('#session-warning button').click();
    await page.waitForTimeout(1_000);
    const response = await page.goto('/roster/mine');
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/roster/mine');
  });

  it('when the warning is ignored, then the session ends and the login says why', async () => {
    const adviser = await h.makeUser('adviser');
    const page = await h.newPage({ locale: 'en-GB' });
    await loginAs(page, adviser, '/roster/mine');
    await page.waitForTimeout(6_500);
    await page.goto('/roster/mine');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('main').innerText()).toMatch(/session has expired|Istuntosi on vanhentunut/);
  });
});
