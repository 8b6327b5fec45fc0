import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueueMail } from '../../src/features/outbox/rules.js';
import { checkPage, printReports, problemsOf } from './checks.js';
import { describeBrowser, loginAs, startHarness, submitAndWait, switchLanguage, type Harness } from './harness.js';

// The pages of issue 12 (webhooks, the outbox, the invitation setting) in a
// real browser: WCAG 2.1 AA by axe, no horizontal scroll at 320 px.

describeBrowser('webhook, outbox and invitation pages in a real browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { outbox: { pollMs: 1000, retryBaseMs: 1000, maxAttempts: 1, webhookDisableAfter: 3 } } });
  });
  afterAll(async () => {
    printReports('Integration pages checked');
    await h?.close();
  });

  it('when an admin adds a webhook (with an error first) and reads the queue, then every page passes in fi and sv', async () => {
    const admin = await h.makeUser('admin');
    const page = await h.newPage({ width: 375 });
    await loginAs(page, admin, '/admin/webhooks');
    const problems: string[] = [];
    problems.push(...problemsOf(await checkPage(page, 'admin', 200)));

    await page.getByLabel(/Osoite/).fill('ftp://not-allowed.example/');
    await submitAndWait(page, () => page.getByRole('button', { name: 'Lisää webhook' }).click());
    problems.push(...problemsOf(await checkPage(page, 'admin', 400, 'errors')));

    await page.getByLabel(/Osoite/).fill('https://phones.city.example/a/very/long/path/that/must/wrap/on/a/narrow/screen?with=query&and=more');
    await page.getByLabel('on_duty.changed').check();
    await submitAndWait(page, () => page.getByRole('button', { name: 'Lisää webhook' }).click());
    expect(await page.locator('#new-secret').inputValue()).toMatch(/^whsec_/);
    problems.push(...problemsOf(await checkPage(page, 'admin', 201, 'created')));

    const id = (h.t.db.prepare('SELECT id FROM webhooks').get() as { id: number }).id;
    h.t.db.transaction(() => enqueueMail(h.t.ctx, { to: 'someone@example.test', subject: 'Odottava viesti', text: 'x', language: 'fi' })).immediate();
    h.t.db.prepare("UPDATE outbox SET status = 'failed', attempts = 12, last_error = 'ECONNREFUSED connect ECONNREFUSED 127.0.0.1:25'").run();
    for (const path of [`/admin/webhooks/${id}`, '/admin/outbox']) {
      const res = await page.goto(h.url(path));
      problems.push(...problemsOf(await checkPage(page, 'admin', res?.status() ?? 0)));
    }
    await switchLanguage(page, 'sv');
    for (const path of ['/admin/webhooks', '/admin/outbox']) {
      const res = await page.goto(h.url(path));
      problems.push(...problemsOf(await checkPage(page, 'admin', res?.status() ?? 0)));
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it('when an adviser opens the profile, then the invitation setting passes and saving it keeps the choice', async () => {
    const adviser = await h.makeUser('adviser');
    const page = await h.newPage({ width: 375 });
    await loginAs(page, adviser, '/profile');
    expect(problemsOf(await checkPage(page, 'adviser', 200))).toEqual([]);
    const box = page.getByLabel('Lähetä vuoroni kalenteriini kutsuina');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    // The profile has several forms with a save button: press the one of the invitation setting.
    await submitAndWait(page, () => box.locator('xpath=ancestor::form').getByRole('button', { name: 'Tallenna' }).click());
    expect(await page.getByLabel('Lähetä vuoroni kalenteriini kutsuina').isChecked()).toBe(true);
  }, 120_000);
});
