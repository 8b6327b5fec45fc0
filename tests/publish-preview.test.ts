import { describe, expect, it } from 'vitest';
import { loggedIn } from './helpers/app.js';
import { makeTurn } from './helpers/factories.js';
import { api, tokenFor, workflowApp } from './workflow.helpers.js';

describe('the publish preview as a compact diff', () => {
  it('when drafts add turns for advisers of two cities, then the preview groups them per city then adviser, collapsed, with counts and dates in words', async () => {
    const w = workflowApp();
    const [h0, h1] = w.advisers.helsinki as [number, number];
    const v0 = w.advisers.vantaa[0] as number;
    makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: '2027-05-03',
      startAt: '2027-05-03T05:00:00Z',
      endAt: '2027-05-03T13:00:00Z',
      cityId: w.cities.helsinki,
      adviserIds: [h0],
    });
    makeTurn(w.t.db, {
      serviceId: w.services.phone,
      date: '2027-05-04',
      startAt: '2027-05-04T06:00:00Z',
      endAt: '2027-05-04T09:00:00Z',
      cityId: w.cities.helsinki,
      headcount: 2,
      adviserIds: [h0, h1],
    });
    makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: '2027-05-05',
      startAt: '2027-05-05T05:00:00Z',
      endAt: '2027-05-05T13:00:00Z',
      cityId: w.cities.vantaa,
      adviserIds: [v0],
    });
    const { browser } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.helsinki });
    const page = await browser.get('/rosters/publish?from=2027-05-03&to=2027-05-09');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<h1>Publish 3\s?–\s?9 May 2027: preview<\/h1>/);
    expect(page.text).toMatch(/data-confirm="Publish the roster of 3\s?–\s?9 May 2027\?/);
    expect(page.text).not.toMatch(/2027-05-0\d<\/|–2027-05/);
    const summaries = [...page.text.matchAll(/<summary>(.*?)<\/summary>/gs)].map((m) =>
      m[1]
        ?.replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(summaries).toEqual([
      'Helsinki: 3 added, 0 moved, 0 removed',
      'helsinki 0: 2 added, 0 moved, 0 removed',
      'helsinki 1: 1 added, 0 moved, 0 removed',
      'Vantaa: 1 added, 0 moved, 0 removed',
      'vantaa 0: 1 added, 0 moved, 0 removed',
    ]);
    expect(page.text).not.toMatch(/<details[^>]* open/);
    expect(page.text).toContain('Email advisory Mon, 3 May 2027 8–16, Helsinki');
    expect(page.text).toMatch(/Publishing waits for the acceptance of: Helsinki, Vantaa\./);
  });

  it('when everything in the range is published, then the publish button is disabled and says nothing is left to publish', async () => {
    const w = workflowApp();
    makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: '2027-05-03',
      startAt: '2027-05-03T05:00:00Z',
      endAt: '2027-05-03T13:00:00Z',
      cityId: w.cities.helsinki,
      adviserIds: [w.advisers.helsinki[0] as number],
    });
    const admin = await tokenFor(w.t, 'admin');
    expect((await api(w.t, admin).post('/api/v1/rosters/publish', { from: '2027-05-03', to: '2027-05-09', overrideReason: 'test' })).status).toBe(200);
    const { browser } = await loggedIn(w.t, 'admin');
    const page = await browser.get('/rosters/publish?from=2027-05-03&to=2027-05-09');
    expect(page.text).toMatch(/<button type="submit" class="primary" disabled>Publish now<\/button>/);
    expect(page.text).toContain('There is nothing to publish in this period');
  });
});
