import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, loginAs, runAxe, startHarness, submitAndWait, type Harness, type TestUser } from './harness.js';
import { mondayIn, publishedTurn, rows, seedStaff } from './planning.js';
import { shiftDate } from '../../src/time/zone.js';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };
const PAGES = ['/', '/roster/mine', '/roster/mine/month', '/roster', '/requests', '/covers', '/inbox', '/calendar', '/profile'];

/** True when the document itself scrolls sideways (a table scrolling inside its own box does not count). */
const sidewaysScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth + 1');
/** An attribute or property of the focused element, read in the page. */
const focused = (page: Page, what: string) =>
  page.evaluate<string | null>(`(() => { const el = document.activeElement; return el ? String(${what}) : null; })()`);

describeBrowser("the adviser's day on a phone and a desktop", () => {
  let h: Harness;
  let me: TestUser;
  let myTurn = 0;
  beforeAll(async () => {
    h = await startHarness();
    const staff = seedStaff(h, 4);
    me = await h.makeUser('adviser', { language: 'en', name: 'Maija Minä' });
    const monday = mondayIn(1);
    const colleague = staff.helsinki[0] as number;
    myTurn = publishedTurn(h, {
      date: monday,
      adviserIds: [me.adviserId as number, colleague],
      serviceId: h.region.services.phone,
      start: '09:00',
      end: '12:00',
    });
    publishedTurn(h, { date: shiftDate(monday, 2), adviserIds: [me.adviserId as number] });
    // Colleagues' turns: something to swap with.
    publishedTurn(h, { date: shiftDate(monday, 1), adviserIds: [staff.helsinki[1] as number] });
    publishedTurn(h, { date: shiftDate(monday, 3), adviserIds: [staff.helsinki[2] as number] });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  for (const size of [PHONE, DESKTOP]) {
    it(`when an adviser opens every page at ${size.width}×${size.height}, then nothing scrolls sideways and axe finds no WCAG 2.1 AA violation`, async () => {
      const page = await h.newPage({ ...size, locale: 'en-GB' });
      await loginAs(page, me);
      const problems: string[] = [];
      for (const path of [...PAGES, `/requests/swaps/new?turnId=${myTurn}`]) {
        const res = await page.goto(path);
        if (res?.status() !== 200) problems.push(`${path}: status ${res?.status()}`);
        if (await sidewaysScroll(page)) problems.push(`${path}: the document scrolls sideways`);
        for (const v of await runAxe(page)) problems.push(`${path}: ${v.id} ${v.help} ${v.targets.join(', ')}`);
      }
      expect(problems).toEqual([]);
    }, 120_000);
  }

  it('when the adviser opens home on a phone, then the next turn is inside the first viewport and the menu folds behind one button', async () => {
    const page = await h.newPage({ ...PHONE, locale: 'en-GB' });
    await loginAs(page, me);
    await page.goto('/');
    const box = await page.locator('.next-turn .next-what').boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 9999) + (box?.height ?? 0)).toBeLessThanOrEqual(PHONE.height);
    const button = page.locator('.menu-button');
    expect(await button.isVisible()).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('nav.main-nav').isVisible()).toBe(false);
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('nav.main-nav a[href="/roster/mine/month"]').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
  });

  it('when scripts are off, then the phone menu is simply open and every link works', async () => {
    const context = await h.browser.newContext({ baseURL: h.baseUrl, viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await loginAs(page, me);
    await page.goto('/');
    expect(await page.locator('.menu-button').isVisible()).toBe(false);
    expect(await page.locator('nav.main-nav a[href="/requests"]').isVisible()).toBe(true);
    await context.close();
  });

  it('when the adviser uses only the keyboard, then they can ask for a swap from my turns', async () => {
    const page = await h.newPage({ ...DESKTOP, locale: 'en-GB' });
    await loginAs(page, me);
    await page.goto('/roster/mine');
    const target = `/requests/swaps/new?turnId=${myTurn}`;
    let found = false;
    for (let i = 0; i < 80 && !found; i++) {
      await page.keyboard.press('Tab');
      found = (await focused(page, "el.getAttribute('href')")) === target;
    }
    expect(found).toBe(true);
    await submitAndWait(page, () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).pathname).toBe('/requests/swaps/new');
    let onSelect = false;
    for (let i = 0; i < 40 && !onSelect; i++) {
      await page.keyboard.press('Tab');
      onSelect = (await focused(page, 'el.id')) === 'f-offer';
    }
    expect(onSelect).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#f-offer').inputValue()).not.toBe('');
    let onSend = false;
    for (let i = 0; i < 10 && !onSend; i++) {
      await page.keyboard.press('Tab');
      onSend = (await focused(page, 'el.value')) === 'send';
    }
    expect(onSend).toBe(true);
    await submitAndWait(page, () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).pathname).toBe('/requests');
    expect(rows<{ n: number }>(h, "SELECT count(*) AS n FROM swap_requests WHERE turn_id = ? AND status = 'pending'", myTurn)[0]?.n).toBe(1);
  });
});
