import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { translate, type MessageKey, type Params } from '../../src/i18n/index.js';
import { shiftDate } from '../../src/time/zone.js';
import { makeAdviser } from '../helpers/factories.js';
import { describeBrowser, loginAs, startHarness, submitAndWait, type Harness } from './harness.js';
import { acceptCities, mondayIn, publishedTurn, rows, seedStaff, weekOf } from './planning.js';
import { periodWords } from '../../src/features/planning/words.js';

// Planning end to end through the real UI: a supervisor generates, staffs a
// turn by hand and publishes; an adviser subscribes to their turns and asks a
// colleague to take one. Users have language fi, so texts come from the fi catalogue.
const fi = (key: MessageKey, params?: Params) => translate('fi', key, params);
const pathOf = (page: Page) => new URL(page.url()).pathname;

describeBrowser('planning flows', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    seedStaff(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when a Helsinki supervisor generates a week, checks and saves a new adviser on a turn and publishes after confirming, then the week shows that adviser and no drafts', async () => {
    const { cities, services } = h.region;
    const { from, to } = weekOf(mondayIn(1));
    const page = await h.newPage();
    await loginAs(page, await h.makeUser('supervisor'), '/rosters/generate');
    expect(pathOf(page)).toBe('/rosters/generate');

    // Generate. A listener added after app.js's keeps the first submit from leaving the page, so
    // the progress state (data-progress) can be read without racing the answer; then the form is sent.
    await page.locator('#f-from').fill(from);
    await page.locator('#f-to').fill(to);
    const form = page.locator('form[action="/rosters/generate"]');
    const formJs = `document.querySelector('form[action="/rosters/generate"]')`;
    await page.evaluate<void>(`${formJs}.addEventListener('submit', (e) => e.preventDefault(), { once: true })`);
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('[role="status"]').textContent()).toBe(fi('rotation.generating'));
    expect(await form.locator('button[type="submit"]').isDisabled()).toBe(true);
    expect(pathOf(page)).toBe('/rosters/generate');
    expect(rows(h, 'SELECT id FROM turns')).toEqual([]);
    await submitAndWait(page, () => page.evaluate<void>(`${formJs}.submit()`));

    const drafts = rows<{ id: number }>(h, "SELECT id FROM turns WHERE date BETWEEN ? AND ? AND status = 'draft'", from, to);
    expect(drafts.length).toBeGreaterThan(10);
    const summary = page.locator('section[aria-labelledby="summary-heading"]');
    const cell = (key: MessageKey) =>
      summary
        .locator('tr')
        .filter({ has: page.getByRole('rowheader', { name: fi(key), exact: true }) })
        .locator('td');
    expect(await cell('rotation.turns').innerText()).toBe(String(drafts.length));
    expect(await cell('rotation.open').innerText()).toBe('0');
    expect(await page.locator('section[aria-labelledby="violations-heading"]').innerText()).toContain(fi('rotation.noViolations'));

    // The week view offers editing only the supervisor's own city's turns.
    const firstOf = (cityId: number) =>
      rows<{ id: number }>(
        h,
        'SELECT id FROM turns WHERE city_id = ? AND service_id = ? AND date BETWEEN ? AND ? ORDER BY start_at LIMIT 1',
        cityId,
        services.email,
        from,
        to,
      )[0]?.id;
    const turnId = firstOf(cities.helsinki);
    const espooTurn = firstOf(cities.espoo);
    if (turnId === undefined || espooTurn === undefined) throw new Error('the generated week has no Helsinki or Espoo email turn');
    await page.goto(`/roster?week=${from}`);
    const item = page.locator('li.turn').filter({ has: page.locator(`a[href="/roster/turns/${turnId}"]`) });
    expect(await item.locator('.badge-draft').count()).toBe(1);
    expect(await page.locator(`a[href="/roster/turns/${espooTurn}"]`).count()).toBe(0);
    await submitAndWait(page, () => item.locator('a.turn-edit').click());
    expect(pathOf(page)).toBe(`/roster/turns/${turnId}`);

    // Check candidates one by one until the rules allow one; checking saves nothing.
    const staffOf = () => rows<{ adviser_id: number }>(h, 'SELECT adviser_id FROM assignments WHERE turn_id = ?', turnId).map((r) => r.adviser_id);
    const before = staffOf();
    expect(before).toHaveLength(1);
    const candidates: string[] = [];
    for (const box of await page.locator('input[name="adviserIds"]:not(:checked)').all()) candidates.push((await box.getAttribute('value')) ?? '');
    let chosen = '';
    for (const id of candidates) {
      for (const box of await page.locator('input[name="adviserIds"]:checked').all()) await box.uncheck();
      await page.locator(`#adviser-${id}`).check();
      await submitAndWait(page, () => page.locator('button[name="action"][value="check"]').click());
      expect(await page.locator('.verdict h2').innerText()).toBe(fi('workflow.verdictTitle'));
      if ((await page.locator('.verdict-ok').count()) === 1) {
        chosen = id;
        break;
      }
    }
    expect(chosen, 'a Helsinki colleague the rules allow').not.toBe('');
    expect(await page.locator(`#adviser-${chosen}`).isChecked()).toBe(true);
    expect(staffOf()).toEqual(before);
    const chosenName = (await page.locator(`label[for="adviser-${chosen}"]`).innerText()).replace(/\s*\(.*\)$/, '');

    await submitAndWait(page, () => page.locator('button[name="action"][value="save"]').click());
    expect(pathOf(page)).toBe('/roster');
    expect(await page.locator('.flash-success').innerText()).toBe(fi('workflow.saved'));
    // Set by hand, so marked as such (issue 14: marks in every roster view).
    expect(await item.locator('.turn-advisers').innerText()).toBe(`${chosenName} (${fi('rosterMarks.handSet')})`);
    expect(staffOf()).toEqual([Number(chosen)]);

    // Every city accepts its part: Espoo's and Vantaa's supervisors over the API, this one on the planning period page.
    await acceptCities(h, from, to, ['espoo', 'vantaa']);
    const periodId = rows<{ id: number }>(h, 'SELECT id FROM planning_periods WHERE from_date = ? AND to_date = ?', from, to)[0]?.id;
    const helsinki = rows<{ name_fi: string }>(h, 'SELECT name_fi FROM cities WHERE id = ?', cities.helsinki)[0]?.name_fi ?? '';
    await page.goto(`/planning/${periodId}`);
    await submitAndWait(page, () => page.getByRole('button', { name: fi('planning.acceptButton', { city: helsinki }) }).click());
    expect(await page.locator('.flash-success').innerText()).toBe(fi('planning.acceptDone', { city: helsinki, period: periodWords(from, to, 'fi') }));

    // Preview: the chosen adviser's added turns are listed; publishing asks first.
    await submitAndWait(page, () => page.locator('.next-step a.button').click());
    expect(pathOf(page)).toBe('/rosters/publish');
    expect(await page.locator('main').innerText()).toContain(fi('publish.draftCount', { count: drafts.length }));
    expect(
      await page
        .locator('details summary')
        .filter({ hasText: `${chosenName}:` })
        .count(),
    ).toBe(1);
    const asked: string[] = [];
    const publish = page.locator('form[action="/rosters/publish"] button[type="submit"]');
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await publish.click();
    await expect.poll(() => asked).toEqual([fi('planning.publishConfirm', { period: periodWords(from, to, 'fi') })]);
    expect(pathOf(page), 'dismissing the confirmation keeps the preview').toBe('/rosters/publish');
    expect(rows(h, "SELECT id FROM turns WHERE date BETWEEN ? AND ? AND status = 'draft'", from, to)).toHaveLength(drafts.length);

    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await submitAndWait(page, () => publish.click());
    expect(asked).toHaveLength(2);
    expect(pathOf(page)).toBe(`/planning/${periodId}`);
    expect(await page.locator('.flash-success').innerText()).toBe(
      fi('planning.publishedConfirm', { count: drafts.length, period: periodWords(from, to, 'fi') }),
    );
    expect(rows(h, "SELECT id FROM turns WHERE date BETWEEN ? AND ? AND status = 'draft'", from, to)).toEqual([]);

    await page.goto(`/roster?week=${from}`);
    expect(await page.locator('li.turn').count()).toBe(drafts.length);
    expect(await page.locator('.badge-draft').count()).toBe(0);
    // Set by hand, so marked as such (issue 14: marks in every roster view).
    expect(await item.locator('.turn-advisers').innerText()).toBe(`${chosenName} (${fi('rosterMarks.handSet')})`);
    await submitAndWait(page, () => item.locator('a.turn-edit').click());
    expect(
      await page
        .getByRole('row', { name: fi('workflow.statusLabel') })
        .locator('td')
        .innerText(),
    ).toBe(fi('workflow.published'));
  }, 60_000);

  it('when an adviser opens my turns, creates a feed of them, copies its link and asks a colleague to take a turn, then the link is on the clipboard and the request is listed', async () => {
    const { cities, services } = h.region;
    const adviser = await h.makeUser('adviser', { name: 'Sanni Neuvoja' });
    if (adviser.adviserId === null) throw new Error('the adviser user has no adviser');
    const adviserId = adviser.adviserId;
    const colleague = makeAdviser(h.t.db, cities.helsinki, { name: 'Ville Kollega', skills: Object.values(services), languages: ['fi'], maxHoursPerWeek: 30 });
    const monday = mondayIn(2);
    const turns = [0, 1, 2].map((day) => publishedTurn(h, { date: shiftDate(monday, day), adviserIds: [adviserId] }));

    const page = await h.newPage();
    await loginAs(page, adviser);
    await submitAndWait(page, () => page.locator('nav a[href="/roster/mine"]').click());
    expect(await page.locator('table.roster-mine').first().locator('tbody tr').count()).toBe(3);
    for (const id of turns) expect(await page.locator(`a[href="/requests/swaps/new?turnId=${id}"]`).count()).toBe(1);

    // A feed of the adviser's own turns; the copy button puts its link on the clipboard.
    await submitAndWait(page, () => page.locator('nav a[href="/calendar"]').click());
    await page.locator('#f-target').selectOption(`adviser:${adviserId}`);
    await submitAndWait(page, () => page.locator('form[action="/calendar"] button[type="submit"]').click());
    expect(await page.locator('h1').innerText()).toBe(fi('calendar.createdTitle'));
    const link = await page.locator('#feed-https').inputValue();
    expect(link.startsWith(`${h.baseUrl}/calendar/`) && link.endsWith('.ics'), link).toBe(true);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl });
    await page.evaluate<void>(`navigator.clipboard.writeText('nothing copied yet')`);
    expect(await page.locator('#copy-status').textContent()).toBe('');
    await page.locator('button[data-copy="#feed-https"]').click();
    await expect.poll(() => page.locator('#copy-status').textContent()).toBe(fi('calendar.copied'));
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(link);
    const feed = await page.request.get(link);
    expect(feed.status()).toBe(200);
    expect((await feed.text()).match(/BEGIN:VEVENT/g)).toHaveLength(3);

    // Ask the colleague to take the first turn: check, then send.
    await submitAndWait(page, () => page.locator('nav a[href="/roster/mine"]').click());
    await submitAndWait(page, () => page.locator(`a[href="/requests/swaps/new?turnId=${turns[0]}"]`).click());
    expect(pathOf(page)).toBe('/requests/swaps/new');
    await page.locator('#f-offer').selectOption(`give:${colleague}`);
    await page.locator('#f-message').fill('Lääkäriaika, kiitos!');
    await submitAndWait(page, () => page.locator('button[name="action"][value="check"]').click());
    expect(await page.locator('.verdict').innerText()).toContain(fi('workflow.verdictOk'));
    expect(await page.locator('#f-offer').inputValue()).toBe(`give:${colleague}`);
    expect(rows(h, 'SELECT id FROM swap_requests')).toEqual([]);

    await submitAndWait(page, () => page.locator('button[name="action"][value="send"]').click());
    expect(pathOf(page)).toBe('/requests');
    expect(await page.locator('.flash-success').innerText()).toBe(fi('workflow.swapSent'));
    const listed = page.locator('section[aria-labelledby="swaps-heading"] tbody tr');
    expect(await listed.count()).toBe(1);
    const text = await listed.innerText();
    for (const part of ['Sanni Neuvoja', 'Ville Kollega', 'Lääkäriaika, kiitos!', fi('workflow.kind_give'), fi('workflow.status_pending')]) {
      expect(text).toContain(part);
    }
    expect(rows(h, 'SELECT kind, turn_id, requester_id, target_id, status FROM swap_requests')).toEqual([
      { kind: 'give', turn_id: turns[0], requester_id: adviserId, target_id: colleague, status: 'pending' },
    ]);
  }, 60_000);
});
