import { describe, expect, it } from 'vitest';
import { loggedIn } from './helpers/app.js';
import { makeAbsence, makeTurn } from './helpers/factories.js';
import { api, inbox, kinds, staffOf, tokenFor, workflowApp } from './workflow.helpers.js';

const DAY = '2027-05-03';
const count = (t: ReturnType<typeof workflowApp>['t'], sql: string) => (t.db.prepare(sql).get() as { n: number }).n;

/** One draft email turn of Helsinki on DAY whose adviser is absent: a hard error. */
function brokenDraft() {
  const w = workflowApp();
  const adviser = w.advisers.helsinki[0] as number;
  makeAbsence(w.t.db, adviser, DAY, DAY);
  const turnId = makeTurn(w.t.db, {
    serviceId: w.services.email,
    date: DAY,
    startAt: `${DAY}T05:00:00Z`,
    endAt: `${DAY}T13:00:00Z`,
    cityId: w.cities.helsinki,
    adviserIds: [adviser],
  });
  return { ...w, adviser, turnId };
}

describe('publishing with violations', () => {
  it('when a supervisor publishes a draft with a hard error, then 422 with the violations and nothing is published', async () => {
    const { t, cities, adviser } = brokenDraft();
    const token = await tokenFor(t, 'supervisor', { cityId: cities.helsinki });
    const res = await api(t, token).post('/api/v1/rosters/publish', { from: DAY, to: DAY });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ code: 'absent', adviserId: adviser }));
    expect(count(t, "SELECT count(*) AS n FROM turns WHERE status = 'published'")).toBe(0);
    expect(count(t, 'SELECT count(*) AS n FROM publications')).toBe(0);
  });

  it('when a supervisor gives a reason to override, then 403 and nothing is published or logged', async () => {
    const { t, cities } = brokenDraft();
    const token = await tokenFor(t, 'supervisor', { cityId: cities.helsinki });
    const res = await api(t, token).post('/api/v1/rosters/publish', { from: DAY, to: DAY, overrideReason: 'we agreed by phone' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('Only an admin');
    expect(count(t, "SELECT count(*) AS n FROM turns WHERE status = 'published'")).toBe(0);
    expect(count(t, 'SELECT count(*) AS n FROM publications')).toBe(0);
    expect(kinds(t)).not.toContain('roster.publish');
  });

  it('when an admin overrides with a reason, then it is published and the reason is recorded with the publication and in the change log', async () => {
    const { t, turnId } = brokenDraft();
    const token = await tokenFor(t, 'admin');
    const res = await api(t, token).post('/api/v1/rosters/publish', { from: DAY, to: DAY, overrideReason: 'covered by phone' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ from: DAY, to: DAY, published: 1 });
    expect(t.db.prepare('SELECT override_reason AS r FROM publications').get()).toEqual({ r: 'covered by phone' });
    const logged = t.db.prepare("SELECT after FROM audit_log WHERE kind = 'roster.publish'").get() as { after: string };
    expect(JSON.parse(logged.after)).toMatchObject({ overrideReason: 'covered by phone', errors: 1 });
    expect(t.db.prepare('SELECT adviser_id FROM published_assignments WHERE turn_id = ?').all(turnId)).toHaveLength(1);
  });

  it('when an adviser publishes, then 403 over the API and on the page', async () => {
    const { t, advisers } = brokenDraft();
    const token = await tokenFor(t, 'adviser', { adviserId: advisers.espoo[0] as number });
    expect((await api(t, token).post('/api/v1/rosters/publish', { from: DAY, to: DAY })).status).toBe(403);
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.espoo[1] as number });
    expect((await browser.post('/rosters/publish', { from: DAY, to: DAY })).status).toBe(403);
    expect((await browser.get(`/rosters/publish?from=${DAY}&to=${DAY}`)).status).toBe(403);
    expect(count(t, "SELECT count(*) AS n FROM turns WHERE status = 'published'")).toBe(0);
  });

  it('when a supervisor previews a broken range, then the page lists the errors and offers no publish button; posting anyway re-renders with the refusal', async () => {
    const { t, cities } = brokenDraft();
    const { browser } = await loggedIn(t, 'supervisor', { cityId: cities.helsinki });
    const preview = await browser.get(`/rosters/publish?from=${DAY}&to=${DAY}`);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Errors that refuse publishing');
    expect(preview.text).toContain('is absent on');
    expect(preview.text).not.toContain('Publish now');
    const posted = await browser.post('/rosters/publish', { from: DAY, to: DAY, overrideReason: 'please' });
    expect(posted.status).toBe(403);
    expect(posted.text).toContain('Only an admin may publish');
    expect(count(t, 'SELECT count(*) AS n FROM publications')).toBe(0);
  });
});

describe('the publication preview', () => {
  it('when a published turn is back in draft with another adviser, then the preview shows the move and publishing tells both advisers', async () => {
    const { t, cities, services, advisers } = workflowApp();
    const [anna, bertil] = advisers.espoo as [number, number];
    const first = makeTurn(t.db, {
      serviceId: services.email,
      date: DAY,
      startAt: `${DAY}T05:00:00Z`,
      endAt: `${DAY}T13:00:00Z`,
      cityId: cities.espoo,
      adviserIds: [anna],
    });
    const token = await tokenFor(t, 'admin');
    expect((await api(t, token).post('/api/v1/rosters/publish', { from: DAY, to: DAY })).status).toBe(200);
    // The turn is redrafted by hand (e.g. restored from a backup) with Bertil instead of Anna.
    t.db.prepare("UPDATE turns SET status = 'draft' WHERE id = ?").run(first);
    t.db.prepare('UPDATE assignments SET adviser_id = ? WHERE turn_id = ?').run(bertil, first);
    const preview = await api(t, token).get(`/api/v1/rosters/publish-preview?from=${DAY}&to=${DAY}`);
    expect(preview.status).toBe(200);
    expect(preview.body.drafts).toBe(1);
    const byId = new Map((preview.body.advisers as Array<{ adviserId: number; added: unknown[]; removed: unknown[] }>).map((a) => [a.adviserId, a]));
    expect(byId.get(anna)?.removed).toHaveLength(1);
    expect(byId.get(bertil)?.added).toHaveLength(1);
    const res = await api(t, token).post('/api/v1/rosters/publish', { from: DAY, to: DAY, previewed: preview.body.fingerprint });
    expect(res.status).toBe(200);
    expect(inbox(t, anna)).toHaveLength(2);
    expect(inbox(t, bertil)).toHaveLength(1);
    expect(staffOf(t, first)).toEqual([bertil]);
  });

  it('when the drafts change between preview and publish, then 409 and nothing is published', async () => {
    const { t, cities, services, advisers } = workflowApp();
    const turn = makeTurn(t.db, {
      serviceId: services.email,
      date: DAY,
      startAt: `${DAY}T05:00:00Z`,
      endAt: `${DAY}T13:00:00Z`,
      cityId: cities.espoo,
      adviserIds: [advisers.espoo[0] as number],
    });
    const token = await tokenFor(t, 'supervisor', { cityId: cities.espoo });
    const preview = await api(t, token).get(`/api/v1/rosters/publish-preview?from=${DAY}&to=${DAY}`);
    const put = await api(t, token).put(`/api/v1/turns/${turn}/assignments`, { adviserIds: [advisers.espoo[1]], version: 1 });
    expect(put.status).toBe(200);
    const res = await api(t, token).post('/api/v1/rosters/publish', { from: DAY, to: DAY, previewed: preview.body.fingerprint });
    expect(res.status).toBe(409);
    expect(count(t, "SELECT count(*) AS n FROM turns WHERE status = 'published'")).toBe(0);
  });
});
