/**
 * Real-browser test harness: the real app on a random port with a fresh
 * temp-file SQLite database, driven by Debian's Chromium via playwright-core.
 *
 * Usage (one harness, so one Chromium, per test file; a new context per test):
 *
 *   import { describeBrowser, startHarness, loginAs, switchLanguage, runAxe, submitAndWait } from './harness.js';
 *
 *   describeBrowser('my flow', () => {
 *     let h: Harness;
 *     beforeAll(async () => { h = await startHarness(); });
 *     afterAll(async () => { await h?.close(); });
 *
 *     it('when …, then …', async () => {
 *       const user = await h.makeUser('supervisor');        // city and adviser rows made as needed
 *       const page = await h.newPage();                     // fresh context: no cookies, locale fi-FI
 *       await loginAs(page, user);                          // through the real form
 *       await page.goto(h.url('/roster'));
 *       await submitAndWait(page, () => page.getByRole('button', { name: 'Julkaise' }).click());
 *       expect(await runAxe(page)).toEqual([]);             // WCAG 2.1 A/AA violations
 *     });
 *   });
 *
 * - `h.t` is the TestApp of tests/helpers/app.ts (db, ctx, config), so the
 *   factories in tests/helpers/factories.ts work on `h.t.db` for data.
 * - `h.region` holds the ids made by makeRegion (three cities, three services).
 * - `seedSample(h)` adds advisers, absences, a closure and published turns
 *   around today, so list and roster pages have rows to check.
 * - The base URL is http://localhost:<port>, not 127.0.0.1: Chromium accepts
 *   the Secure `__Host-` session cookie only from a "potentially trustworthy"
 *   origin, which http://localhost is.
 * - `describeBrowser` skips the block (loudly) when /usr/bin/chromium is
 *   missing, unless CI is set: then the block fails, so CI cannot go green
 *   without having run the browser tests.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import type { Role } from '../../src/http/types.js';
import type { Lang } from '../../src/i18n/index.js';
import type { AppConfig } from '../../src/config.js';
import { makeTestApp, makeUser, PASSWORD, type TestApp } from '../helpers/app.js';
import { makeAbsence, makeAdviser, makeClosure, makeRegion, makeTurn } from '../helpers/factories.js';

/** Debian's Chromium; CHROMIUM_PATH only exists to try the skip rule below. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium keeps trying to reach Google, which this machine's closed network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** describe() for browser tests, applying the skip rule described at the top. */
export function describeBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('has Chromium installed', () => {
        throw new Error(`${CHROMIUM} is missing and CI is set: install it with "apt-get install -y chromium" (see .ci/run).`);
      });
    });
    return;
  }
  const bar = '='.repeat(78);
  console.warn(
    `\n${bar}\nSKIPPING browser tests "${name}": ${CHROMIUM} not found.\n` +
      `Install Debian's Chromium with:  apt-get update && apt-get install -y chromium\n` +
      `(never "npx playwright install"). With CI set, these tests fail instead.\n${bar}\n`,
  );
  describe.skip(name, body);
}

export interface TestUser {
  id: number;
  username: string;
  password: string;
  role: Role;
  adviserId: number | null;
}

export interface Harness {
  baseUrl: string;
  t: TestApp;
  browser: Browser;
  region: ReturnType<typeof makeRegion>;
  url(path: string): string;
  /** A fresh browser context (no cookies) and a page in it; closed by close(). */
  newPage(options?: { locale?: string; width?: number; height?: number }): Promise<Page>;
  /** A user of the role with language fi; a supervisor gets Helsinki, an adviser a new Helsinki adviser (all skills, fi and sv). */
  makeUser(role: Role, opts?: { language?: Lang; cityId?: number; name?: string }): Promise<TestUser>;
  close(): Promise<void>;
}

export async function startHarness(options: { config?: Partial<AppConfig> } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'vuoro-browser-'));
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://localhost:${port}`;
  const t = makeTestApp({ db: openDatabase(join(dir, 'vuoro.db')), config: { baseUrl, databasePath: join(dir, 'vuoro.db'), ...options.config } });
  server.on('request', t.app);
  const region = makeRegion(t.db);

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  const contexts: BrowserContext[] = [];

  return {
    baseUrl,
    t,
    browser,
    region,
    url: (path) => new URL(path, baseUrl).toString(),
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: options.locale ?? 'fi-FI',
        viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      });
      contexts.push(context);
      return context.newPage();
    },
    async makeUser(role, opts = {}) {
      const cityId = opts.cityId ?? region.cities.helsinki;
      const extra =
        role === 'supervisor'
          ? { cityId }
          : role === 'adviser'
            ? {
                cityId,
                adviserId: makeAdviser(t.db, cityId, {
                  skills: Object.values(region.services),
                  languages: ['fi', 'sv'],
                  ...(opts.name ? { name: opts.name } : {}),
                }),
              }
            : {};
      const user = await makeUser(t, role, { ...extra, language: opts.language ?? 'fi' });
      return { ...user, password: PASSWORD, role, adviserId: 'adviserId' in extra ? (extra.adviserId ?? null) : null };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      t.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs an action that makes the page load a new document (a form submit, a
 * link) and waits for that document's load event: no fixed sleeps, and it
 * works when the new URL equals the old one (the language switch).
 */
export async function submitAndWait(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForEvent('load'), action()]);
}

/** Logs in through the real form, like a user; lands on `next` or the home page. */
export async function loginAs(page: Page, user: { username: string; password: string }, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.locator('#f-username').fill(user.username);
  await page.locator('#f-password').fill(user.password);
  await submitAndWait(page, () => page.locator('form[action="/login"] button[type="submit"]').click());
  const path = new URL(page.url()).pathname;
  if (path === '/login') throw new Error(`login as ${user.username} failed: still on /login`);
}

/** Presses the language button in the header and waits for the page to come back in that language. */
export async function switchLanguage(page: Page, lang: Lang): Promise<void> {
  // On a phone the language buttons sit in the folded menu: open it first, as a person would.
  const menu = page.locator('.menu-button');
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'false') await menu.click();
  await submitAndWait(page, () => page.locator(`form.lang-switch button[value="${lang}"]`).click());
  const now = await page.locator('html').getAttribute('lang');
  if (now !== lang) throw new Error(`language switch to ${lang} failed: <html lang="${now ?? ''}">`);
}

/** Logs out with the header button. */
export async function logout(page: Page): Promise<void> {
  await submitAndWait(page, () => page.locator('form[action="/logout"] button[type="submit"]').click());
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core with the WCAG 2.1 A and AA rules; returns the violations, simplified for messages.
 * Legacy mode and violations-only results make a run about three times faster
 * (the default mode opens a blank page per run to merge frame results); the
 * app's pages contain no iframes, so nothing is lost.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const result = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** Advisers, an absence, a closure and published turns around today, so pages have rows (and tables) to check. */
export function seedSample(h: Harness): void {
  const { db } = h.t;
  const { cities, services } = h.region;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const advisers = Object.values(cities).map((cityId, i) =>
    makeAdviser(db, cityId, { name: `Neuvoja ${i + 1}`, skills: Object.values(services), languages: ['fi', 'sv'] }),
  );
  makeAbsence(db, advisers[0] as number, day(3), day(5), 'Koulutus');
  makeClosure(db, day(20), 'Suljettu');
  for (let offset = 0; offset < 5; offset++) {
    const date = day(offset);
    makeTurn(db, {
      serviceId: services.email,
      date,
      startAt: `${date}T06:00:00.000Z`,
      endAt: `${date}T14:00:00.000Z`,
      cityId: cities.helsinki,
      status: 'published',
      adviserIds: [advisers[0] as number],
    });
  }
}
