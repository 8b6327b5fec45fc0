import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/http/types.js';
import { shiftDate } from '../../src/time/zone.js';
import { makeAbsence, makeCity, makeService } from '../helpers/factories.js';
import { checkPage, fieldErrorProblems, printReports, problemsOf, siteLinks } from './checks.js';
import { describeBrowser, loginAs, startHarness, submitAndWait, type Harness, type TestUser } from './harness.js';
import { mondayIn, publishedTurn, rows, seedStaff, weekOf } from './planning.js';

// The planning pages in the states people meet them in, per role: with data
// (a generated week, pending requests, an absence hitting published turns)
// and empty (no turns, no requests, nobody to swap with). Each visit first
// proves the page is in the state meant (a selector that must match), so a
// green sweep cannot come from checking the wrong page.

/** Checks the page as it is now; returns what is wrong as lines for one assertion. */
async function checked(page: Page, who: string, status: number, expected: number, proof: string, state?: string): Promise<string[]> {
  const where = `${who} ${new URL(page.url()).pathname}${state ? ` [${state}]` : ''}`;
  const problems: string[] = [];
  if (status !== expected) problems.push(`${where}: HTTP ${status}, expected ${expected}`);
  if ((await page.locator(proof).count()) === 0) problems.push(`${where}: not in the state meant, no ${proof}`);
  const report = await checkPage(page, who, status, state);
  problems.push(...problemsOf(report), ...(await fieldErrorProblems(page)).map((p) => `${where}: ${p}`));
  return problems;
}

/** Opens a path and checks it. */
async function at(page: Page, who: string, path: string, proof: string, state?: string, expected = 200): Promise<string[]> {
  const response = await page.goto(path);
  return checked(page, who, response?.status() ?? 0, expected, proof, state);
}

/** Runs an action that submits a form, then checks the page it ends on (after any redirect). */
async function after(page: Page, who: string, action: () => Promise<unknown>, proof: string, state: string, expected = 200): Promise<string[]> {
  const [answered] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && (r.status() < 300 || r.status() >= 400)),
    submitAndWait(page, action),
  ]);
  return checked(page, who, answered.status(), expected, proof, state);
}

const click = (page: Page, selector: string) => () => page.locator(selector).click();

describeBrowser('accessibility of the planning pages', () => {
  afterAll(() => printReports('Planning pages checked'));

  // Before any planning: cities and services only, no advisers' turns at all. Its own
  // database, so the data below cannot leak in; its Chromium is closed before the next starts.
  describe('with no turns at all', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness();
    });
    afterAll(async () => {
      await h?.close();
    });

    for (const role of ['admin', 'supervisor', 'adviser'] as const satisfies readonly Role[]) {
      it(`when logged in as ${role}, then every page linked from the nav and footer answers 200 and passes`, async () => {
        const page = await h.newPage();
        await loginAs(page, await h.makeUser(role));
        const problems: string[] = [];
        const links = await siteLinks(page);
        expect(links).toEqual(expect.arrayContaining(['/roster', '/requests', '/calendar']));
        for (const path of links) problems.push(...(await at(page, role, path, 'main h1', 'no turns')));
        expect(problems).toEqual([]);
      }, 120_000);
    }
  });

  describe('with a planned region', () => {
    let h: Harness;
    const week1 = weekOf(mondayIn(1));
    const week2 = mondayIn(2);
    const week3 = weekOf(mondayIn(3));
    const empty = weekOf(mondayIn(10));
    const day = (n: number) => shiftDate(week2, n);
    let sanni: TestUser;
    let loner: TestUser;
    let newcomer: TestUser;
    const seeded = { sanniTurn: 0, lonerTurn: 0, noSkillTurn: 0, absence: 0, noAffected: 0 };

    beforeAll(async () => {
      h = await startHarness();
      const staff = seedStaff(h);
      const { db, ctx } = h.t;
      const { cities } = h.region;
      const [, colleague, asker, giver, taker, absent] = staff.helsinki;
      if (!colleague || !asker || !giver || !taker || !absent) throw new Error('seedStaff made too few Helsinki advisers');

      // Week 2, published: Sanni's turns, colleagues' turns to swap with, an absence hitting three turns.
      sanni = await h.makeUser('adviser', { name: 'Sanni Neuvoja' });
      const sanniId = sanni.adviserId as number;
      seeded.sanniTurn = publishedTurn(h, { date: day(0), adviserIds: [sanniId] });
      publishedTurn(h, { date: day(1), adviserIds: [sanniId] });
      publishedTurn(h, { date: day(2), adviserIds: [colleague] });
      for (const n of [0, 1, 2])
        publishedTurn(h, { date: day(n), serviceId: h.region.services.changeSecurity, start: '09:00', end: '15:00', adviserIds: [absent] });
      seeded.absence = makeAbsence(db, absent, day(0), day(2), 'Sairausloma');
      seeded.noAffected = makeAbsence(db, taker, empty.from, empty.to, 'Koulutus');

      // Pending requests: one asking Sanni, one accepted and waiting for the supervisors, one city move into Helsinki.
      const now = new Date().toISOString();
      const askTurn = publishedTurn(h, { date: day(3), adviserIds: [asker] });
      ctx.repos.workflow.insertSwap({
        kind: 'give',
        turnId: askTurn,
        requesterId: asker,
        targetId: sanniId,
        otherTurnId: null,
        message: 'Hammaslääkäri',
        expiresAt: wallStart(h, askTurn),
        requestedBy: sanni.id,
        at: now,
      });
      const giveTurn = publishedTurn(h, { date: day(4), adviserIds: [giver] });
      const accepted = ctx.repos.workflow.insertSwap({
        kind: 'give',
        turnId: giveTurn,
        requesterId: giver,
        targetId: taker,
        otherTurnId: null,
        message: '',
        expiresAt: wallStart(h, giveTurn),
        requestedBy: sanni.id,
        at: now,
      });
      ctx.repos.workflow.respondSwap(accepted, 1, 'accepted', now);
      const { phone } = h.region.services;
      const espooTurn = publishedTurn(h, {
        date: day(3),
        cityId: cities.espoo,
        serviceId: phone,
        start: '09:00',
        end: '12:00',
        adviserIds: staff.espoo.slice(0, 1),
      });
      const espooSupervisor = await h.makeUser('supervisor', { cityId: cities.espoo });
      ctx.repos.workflow.insertMove({
        turnId: espooTurn,
        fromCityId: cities.espoo,
        toCityId: cities.helsinki,
        turnVersion: 1,
        reason: 'Espoossa koulutuspäivä',
        userId: espooSupervisor.id,
        at: now,
      });

      // Empty states: an adviser alone in a small city, a service nobody can do, a week with an open seat.
      // (One turn per service and start: the rota is shared, so these use other services or times.)
      const kauniainen = makeCity(db, { code: 'kauniainen', name: 'Kauniainen' });
      loner = await h.makeUser('adviser', { cityId: kauniainen, name: 'Yksin Neuvoja' });
      seeded.lonerTurn = publishedTurn(h, { date: day(0), cityId: kauniainen, serviceId: phone, start: '12:00', adviserIds: [loner.adviserId as number] });
      newcomer = await h.makeUser('adviser', { name: 'Uusi Neuvoja' });
      const chat = makeService(db, { code: 'chat', name: 'Chat advisory', templates: [] });
      seeded.noSkillTurn = publishedTurn(h, { date: day(1), serviceId: chat, adviserIds: [], status: 'draft' });
      publishedTurn(h, { date: week3.from, adviserIds: [], status: 'draft' });
    });
    afterAll(async () => {
      await h?.close();
    });

    it('when a supervisor generates, staffs, previews, answers requests and replaces, then every page and state passes', async () => {
      const page = await h.newPage();
      await loginAs(page, await h.makeUser('supervisor'));
      const who = 'supervisor';
      const problems: string[] = [];

      await page.goto('/rosters/generate');
      await page.locator('#f-from').fill(week1.from);
      await page.locator('#f-to').fill(week1.to);
      const generate = click(page, 'form[action="/rosters/generate"] button[type="submit"]');
      const summary = 'section[aria-labelledby="summary-heading"]';
      problems.push(...(await after(page, who, generate, summary, 'summary')));
      await page.locator('#f-from').fill(shiftDate(empty.from, 5));
      await page.locator('#f-to').fill(empty.to);
      problems.push(...(await after(page, who, generate, summary, 'summary, no turns')));
      await page.locator('#f-from').fill('');
      problems.push(...(await after(page, who, generate, '.error-summary', 'errors', 400)));

      const [turn] = rows<{ id: number }>(
        h,
        "SELECT id FROM turns WHERE city_id = ? AND date BETWEEN ? AND ? AND status = 'draft' ORDER BY start_at LIMIT 1",
        h.region.cities.helsinki,
        week1.from,
        week1.to,
      );
      if (!turn) throw new Error('the generated week has no Helsinki draft');
      problems.push(...(await at(page, who, `/roster?week=${week1.from}`, 'a.turn-edit', 'full week')));
      problems.push(...(await at(page, who, `/roster?week=${empty.from}`, 'table.roster-week', 'no turns')));
      problems.push(...(await at(page, who, `/roster/turns/${turn.id}`, 'input[name="adviserIds"]:checked')));
      problems.push(...(await after(page, who, click(page, 'button[name="action"][value="check"]'), '.verdict-ok', 'verdict ok')));
      for (const box of await page.locator('input[name="adviserIds"]').all()) await box.check();
      problems.push(...(await after(page, who, click(page, 'button[name="action"][value="check"]'), '.verdict ul.violations', 'verdict with violations')));
      problems.push(
        ...(await after(page, who, click(page, 'form[action$="/move"] button[type="submit"]'), '#f-cityId[aria-invalid="true"]', 'move errors', 400)),
      );
      problems.push(...(await at(page, who, `/roster/turns/${seeded.noSkillTurn}`, 'form[action^="/roster/turns/"] fieldset', 'nobody eligible')));

      problems.push(...(await at(page, who, `/rosters/publish?from=${week1.from}&to=${week1.to}`, 'form[data-confirm]', 'changes')));
      problems.push(
        ...(await at(page, who, `/rosters/publish?from=${week3.from}&to=${week3.to}`, 'section[aria-labelledby="errors-heading"]', 'errors, no form')),
      );
      problems.push(...(await at(page, who, `/rosters/publish?from=${empty.from}&to=${empty.to}`, 'form[data-confirm]', 'nothing to publish')));

      problems.push(...(await at(page, who, '/requests', 'form[action^="/requests/moves/"]', 'pending')));
      problems.push(...(await at(page, who, `/absences/${seeded.absence}/replacements`, 'ol.candidates form', 'candidates')));
      problems.push(...(await at(page, who, `/absences/${seeded.noAffected}/replacements`, 'main h1', 'no turns hit')));
      expect(problems).toEqual([]);
    }, 120_000);

    it('when an admin opens a published turn, previews a week with errors and publishes without a reason, then every page and state passes', async () => {
      const page = await h.newPage();
      await loginAs(page, await h.makeUser('admin'));
      const who = 'admin';
      const problems: string[] = [];
      problems.push(...(await at(page, who, `/roster/turns/${seeded.sanniTurn}`, 'input[name="adviserIds"]:checked', 'published')));
      problems.push(...(await at(page, who, `/rosters/publish?from=${week3.from}&to=${week3.to}`, '#f-overrideReason', 'errors, override')));
      // Blank, not empty: the field is required, so the browser itself would refuse an empty one.
      await page.locator('#f-overrideReason').fill('   ');
      page.once('dialog', (dialog) => void dialog.accept());
      problems.push(
        ...(await after(
          page,
          who,
          click(page, 'form[data-confirm] button[type="submit"]'),
          '#f-overrideReason[aria-invalid="true"]',
          'errors, no reason',
          422,
        )),
      );
      problems.push(...(await at(page, who, '/requests', 'form[action$="/decide"]', 'pending')));
      problems.push(...(await at(page, who, `/absences/${seeded.absence}/replacements`, 'ol.candidates form', 'candidates')));
      expect(problems).toEqual([]);
    }, 120_000);

    it('when advisers open their turns, the swap form and their requests, with and without data, then every page and state passes', async () => {
      const problems: string[] = [];
      const page = await h.newPage();
      await loginAs(page, sanni);
      problems.push(...(await at(page, 'adviser', '/roster/mine', 'a[href^="/requests/swaps/new"]', 'turns')));
      problems.push(...(await at(page, 'adviser', `/requests/swaps/new?turnId=${seeded.sanniTurn}`, '#f-offer option[value^="give:"]', 'offers')));
      problems.push(...(await after(page, 'adviser', click(page, 'button[name="action"][value="send"]'), '#f-offer[aria-invalid="true"]', 'errors', 400)));
      await page.locator('#f-offer').selectOption({ index: 1 });
      problems.push(...(await after(page, 'adviser', click(page, 'button[name="action"][value="check"]'), '.verdict', 'verdict')));
      problems.push(...(await at(page, 'adviser', '/requests', 'form[action$="/respond"]', 'asked to take a turn')));

      const lonely = await h.newPage();
      await loginAs(lonely, loner);
      problems.push(...(await at(lonely, 'adviser', `/requests/swaps/new?turnId=${seeded.lonerTurn}`, 'main h1', 'no offers')));
      expect(await lonely.locator('#f-offer').count(), 'nobody to offer the turn to').toBe(0);

      const fresh = await h.newPage();
      await loginAs(fresh, newcomer);
      problems.push(...(await at(fresh, 'adviser', '/roster/mine', 'main h2', 'no turns')));
      problems.push(...(await at(fresh, 'adviser', '/requests', 'section[aria-labelledby="swaps-heading"]', 'no requests')));
      expect(await fresh.locator('main table').count(), 'no request tables for a newcomer').toBe(0);
      expect(problems).toEqual([]);
    }, 120_000);
  });
});

/** The start of a turn, which is when a request about it expires. */
function wallStart(h: Harness, turnId: number): string {
  const [row] = rows<{ start_at: string }>(h, 'SELECT start_at FROM turns WHERE id = ?', turnId);
  if (!row) throw new Error(`no turn ${turnId}`);
  return row.start_at;
}
