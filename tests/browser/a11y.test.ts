import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/http/types.js';
import type { Lang } from '../../src/i18n/index.js';
import {
  activeElement,
  checkPage,
  duplicateTitles,
  fieldErrorProblems,
  focusedStyle,
  focusStyles,
  printReports,
  problemsOf,
  reflowWidth,
  siteLinks,
  textSpacingProblems,
  thWithoutScope,
  type PageReport,
} from './checks.js';
import { describeBrowser, loginAs, runAxe, seedSample, startHarness, submitAndWait, switchLanguage, type Harness } from './harness.js';

const LANGS: Lang[] = ['fi', 'sv'];
const ROLES: Role[] = ['admin', 'supervisor', 'adviser'];

/** Opens a path and checks it. Every linked page exists now, so callers treat an error status as a failure. */
async function visit(page: Page, path: string, who: string): Promise<PageReport> {
  const response = await page.goto(path);
  return checkPage(page, who, response?.status() ?? 0);
}

/** A path with its numbers replaced, so /advisers/1/edit and /advisers/2/edit count as one page. */
const pattern = (path: string) => path.replace(/\/\d+(?=\/|$)/g, '/:id');

/** Same-site GET links inside <main> that lead to HTML pages (not feeds, files, the API or logout). */
async function mainLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator('main a[href]:not([download])').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs
    .filter((href) => href.startsWith('/') && !href.startsWith('//'))
    .map((href) => href.split(/[?#]/)[0] ?? href)
    .filter((path) => !/^\/(api|calendar|static)\/|\.(ics|json|csv|xlsx|txt|pdf)$|^\/logout$/.test(path));
}

describeBrowser('accessibility in a real browser', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    seedSample(h);
  });
  afterAll(async () => {
    printReports('Pages checked');
    await h?.close();
  });

  it('when a page has known problems, then every check reports them (no false greens)', async () => {
    const page = await h.newPage();
    await page.setContent(`<html><head><title>x</title><style>.box { height: 1.2em; overflow: hidden; width: 8em; }</style></head><body>
      <div class="box">Teksti joka leikkautuu</div>
      <img src="x.png"><input type="text" aria-invalid="true" name="q">
      <div style="width: 600px">wide</div>
      <table><tbody><tr><th>Name</th><td>A</td></tr></tbody></table></body></html>`);
    const ids = (await runAxe(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'label', 'html-has-lang']));
    expect(await reflowWidth(page)).toBeGreaterThan(320);
    expect(await thWithoutScope(page)).toHaveLength(1);
    expect(await fieldErrorProblems(page)).toHaveLength(1);
    expect(await textSpacingProblems(page)).toEqual(['div.box: Teksti joka leikkautuu']);
  });

  it('when logged out, then the login, its error, the 404 page, the statement and its feedback pages pass in fi and sv', async () => {
    const page = await h.newPage();
    const problems: string[] = [];
    for (const lang of LANGS) {
      const mine: PageReport[] = [];
      const keep = (r: PageReport) => {
        mine.push(r);
        problems.push(...problemsOf(r));
      };
      await page.goto('/login');
      if (lang !== 'fi') await switchLanguage(page, lang);
      keep(await checkPage(page, 'visitor', 200));

      await page.locator('#f-username').fill('nobody');
      await page.locator('#f-password').fill('wrong password');
      await submitAndWait(page, () => page.locator('form[action="/login"] button[type="submit"]').click());
      keep(await checkPage(page, 'visitor', 401, 'error'));

      keep(await visit(page, '/no-such-page', 'visitor'));
      keep(await visit(page, '/accessibility', 'visitor'));

      await submitAndWait(page, () => page.locator('form[action="/accessibility/feedback"] button[type="submit"]').click());
      keep(await checkPage(page, 'visitor', 400, 'errors'));
      expect(await activeElement(page), 'focus moves to the error summary').toContain('error-summary');

      await page.locator('#f-message').fill('Kontrasti on liian heikko.');
      await submitAndWait(page, () => page.locator('form[action="/accessibility/feedback"] button[type="submit"]').click());
      expect(new URL(page.url()).pathname).toBe('/accessibility/feedback/thanks');
      expect(h.t.ctx.repos.accessibilityFeedback.unhandled().filter((f) => f.language === lang)).toHaveLength(1);
      keep(await checkPage(page, 'visitor', 200));

      const docs = await visit(page, '/api-docs', 'visitor');
      keep(docs);
      if (docs.status !== 200) problems.push(`[${lang}] visitor /api-docs: HTTP ${docs.status} for the footer link`);
      for (const r of mine) expect(r.lang, `${r.path} is in ${lang}`).toBe(lang);
      problems.push(...duplicateTitles(mine).map((d) => `[${lang}] visitor: duplicate title ${d}`));
    }
    expect(problems).toEqual([]);
  }, 120_000);

  for (const role of ROLES) {
    it(`when logged in as ${role}, then the home page and every page linked from the nav and footer pass in fi and sv`, async () => {
      const page = await h.newPage();
      await loginAs(page, await h.makeUser(role));
      const problems: string[] = [];
      for (const lang of LANGS) {
        await page.goto('/');
        if (lang !== 'fi') await switchLanguage(page, lang);
        const mine: PageReport[] = [];
        for (const path of await siteLinks(page)) {
          const r = await visit(page, path, role);
          mine.push(r);
          if (r.status >= 400) problems.push(`[${lang}] ${role} ${path}: HTTP ${r.status} for a linked page`);
          if (r.lang !== lang) problems.push(`[${lang}] ${role} ${path}: <html lang="${r.lang}">`);
          problems.push(...problemsOf(r));
        }
        problems.push(...duplicateTitles(mine).map((d) => `[${lang}] ${role}: duplicate title ${d}`));
      }
      expect(problems).toEqual([]);
    }, 240_000);
  }

  for (const role of ROLES) {
    it(`when logged in as ${role}, then the pages linked from inside the nav pages (forms, details) pass in fi`, async () => {
      const page = await h.newPage();
      await loginAs(page, await h.makeUser(role));
      const navPaths = await siteLinks(page);
      const seen = new Set(navPaths.map(pattern));
      const deeper: string[] = [];
      for (const path of navPaths) {
        const response = await page.goto(path);
        if (!response?.ok()) continue;
        for (const link of await mainLinks(page)) {
          if (seen.has(pattern(link))) continue;
          seen.add(pattern(link));
          deeper.push(link);
        }
      }
      const problems: string[] = [];
      const mine: PageReport[] = [];
      for (const path of deeper.slice(0, 40)) {
        const r = await visit(page, path, role);
        mine.push(r);
        if (r.status >= 400) problems.push(`[fi] ${role} ${path}: HTTP ${r.status} for a linked page`);
        problems.push(...problemsOf(r));
      }
      problems.push(...duplicateTitles(mine).map((d) => `[fi] ${role} (inner pages): duplicate title ${d}`));
      expect(problems).toEqual([]);
    }, 240_000);
  }

  for (const role of ['admin', 'supervisor'] as const) {
    it(`when a ${role} sends an empty creation form, then the errors page passes and each error is tied to its field`, async () => {
      const page = await h.newPage();
      await loginAs(page, await h.makeUser(role));
      const forms = new Set<string>();
      for (const path of await siteLinks(page)) {
        const response = await page.goto(path);
        if (!response?.ok()) continue;
        for (const link of await mainLinks(page)) if (/\/new$/.test(link)) forms.add(link);
      }
      const problems: string[] = [];
      for (const path of forms) {
        await page.goto(path);
        const submit = page.locator('main form[method="post"] button[type="submit"]').first();
        if ((await submit.count()) === 0) continue;
        const answered = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
        await submitAndWait(page, () => submit.click());
        const status = (await answered).status();
        if (status !== 400) {
          problems.push(`${path}: an empty form answered ${status}, expected 400 with the errors`);
          continue;
        }
        const r = await checkPage(page, role, status, 'errors');
        problems.push(...problemsOf(r), ...(await fieldErrorProblems(page)).map((p) => `${path}: ${p}`));
        if (!(await activeElement(page)).includes('error-summary')) problems.push(`${path}: focus did not move to the error summary`);
      }
      expect(forms.size, 'creation forms found').toBeGreaterThan(0);
      expect(problems).toEqual([]);
    }, 240_000);
  }

  it('when text spacing is overridden (WCAG 1.4.12), then no page cuts off its text', async () => {
    const page = await h.newPage();
    const problems: string[] = [];
    for (const path of ['/login', '/accessibility']) {
      await page.goto(path);
      problems.push(...(await textSpacingProblems(page)).map((p) => `visitor ${path}: ${p}`));
    }
    await loginAs(page, await h.makeUser('supervisor'));
    for (const path of await siteLinks(page)) {
      const response = await page.goto(path);
      if (!response?.ok()) continue;
      problems.push(...(await textSpacingProblems(page)).map((p) => `supervisor ${path}: ${p}`));
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('when pressing Tab on a fresh page, then the skip link comes first, shows, and Enter moves focus to <main>', async () => {
    const admin = await h.makeUser('admin');
    const page = await h.newPage();
    await page.goto('/login');
    const pages = ['/login', '/'];
    for (const path of pages) {
      if (path === '/') await loginAs(page, admin);
      await page.goto(path);
      await page.keyboard.press('Tab');
      expect(await activeElement(page), `first tab stop on ${path}`).toContain('a.skip-link');
      const box = await page.locator('a.skip-link').boundingBox();
      expect(box && box.x >= 0 && box.y >= 0 && box.width > 0, `skip link visible on ${path}`).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForFunction(`document.activeElement && document.activeElement.id === 'main'`, undefined, { timeout: 5000 });
      expect(await activeElement(page)).toContain('main#main');
    }
  });

  it('when moving through a page with Tab, then every tab stop shows a focus indicator it does not have unfocused', async () => {
    const admin = await h.makeUser('admin');
    const page = await h.newPage();
    const problems: string[] = [];
    for (const path of ['/login', '/', '/accessibility']) {
      if (path === '/') await loginAs(page, admin);
      await page.goto(path);
      const unfocused = await focusStyles(page);
      const seen = new Set<number>();
      for (let i = 0; i < unfocused.length + 2; i++) {
        await page.keyboard.press('Tab');
        const now = await focusedStyle(page);
        if (!now || seen.has(now.index)) break;
        seen.add(now.index);
        const before = unfocused[now.index];
        const visible = (now.outline !== 'none' && now.outline !== before?.outline) || (now.boxShadow !== 'none' && now.boxShadow !== before?.boxShadow);
        if (!visible) problems.push(`${path}: <${now.tag}> "${now.text}" has no visible focus (outline ${now.outline}, shadow ${now.boxShadow})`);
      }
      expect(seen.size, `tab stops reached on ${path}`).toBeGreaterThan(3);
    }
    expect(problems).toEqual([]);
  });

  it('when using only the keyboard on the login form, then the order is user name, password, submit, and Enter logs in', async () => {
    const user = await h.makeUser('supervisor');
    const page = await h.newPage();
    await page.goto('/login');
    const order: string[] = [];
    for (let i = 0; i < 20 && !order.at(-1)?.includes('#f-username'); i++) {
      await page.keyboard.press('Tab');
      order.push(await activeElement(page));
    }
    expect(order[0]).toContain('a.skip-link');
    expect(order.at(-1)).toContain('input#f-username');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toContain('input#f-password');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.closest("form").getAttribute("action") + " " + document.activeElement.type')).toBe(
      '/login submit',
    );

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(user.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    await submitAndWait(page, () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('form[action="/logout"]').count()).toBe(1);
  });
});
