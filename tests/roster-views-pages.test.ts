import { describe, expect, it } from 'vitest';
import { loggedIn } from './helpers/app.js';
import { makeAdviser, makeCity, makeTurn } from './helpers/factories.js';
import { rosterApp } from './roster-views-fixtures.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const table = (html: string) => text(html.slice(html.indexOf('<table'), html.indexOf('</table>')));

describe('month view', () => {
  it('when opening this month, then it is a calendar of weeks × weekdays, turns show with their service and today is marked', async () => {
    const { t, region } = rosterApp();
    const { browser } = await loggedIn(t, 'supervisor', { cityId: region.cities.vantaa });
    const res = await browser.get('/roster/month');
    expect(res.status).toBe(200);
    const page = table(res.text);
    expect(text(res.text)).toContain('Roster, March 2027');
    expect(page).toMatch(/Week 9 Monday 1\.3\./);
    expect(page).toContain('Wednesday 31.3.');
    expect(page).not.toContain('Saturday');
    expect(page).toMatch(
      /Wednesday 24\.3\. \(today\) 09:00–12:00 Phone advisory Helsinki Aino Ahonen, Anna Aalto 12:00–16:00 Phone advisory Espoo ! 1 open Bertil Berg/,
    );
    expect(page).toMatch(/08:00–16:00 Email advisory Vantaa Draft Cecilia Corte/);
    expect(res.text.match(/<th scope="row" class="cal-week">/g)?.length).toBe(5);
    expect(res.text.match(/aria-current="date"/g)?.length).toBe(1);
    expect(res.text).toContain('href="/roster/month?month=2027-02"');
    expect(res.text).toContain('href="/roster/month?month=2027-04"');
    expect(res.text).toContain('href="/roster.csv?from=2027-03-01&amp;to=2027-03-31"');
  });

  it('when an adviser opens the month filtered by city, then drafts and other cities are left out', async () => {
    const { t, advisers } = rosterApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.cecilia });
    const res = await browser.get('/roster/month?month=2027-03&city=espoo');
    expect(res.status).toBe(200);
    const page = table(res.text);
    expect(page).toContain('Bertil Berg');
    expect(page).not.toContain('Anna Aalto');
    expect(page).not.toContain('Cecilia Corte');
    expect(res.text).not.toContain('badge-draft');
  });

  it.each([['month=2027-13'], ['month=2027-3'], ['month=march'], ['month=2027-03&service=Phone'], ['month=2027-03&adviser=-1']])(
    'when the query is %s, then 400 and an explanation',
    async (query) => {
      const { t } = rosterApp();
      const { browser } = await loggedIn(t, 'admin');
      const res = await browser.get(`/roster/month?${query}`);
      expect(res.status).toBe(400);
      expect(res.text).toContain('The request has invalid fields.');
    },
  );
});

describe('my turns', () => {
  it('when an adviser opens my turns, then upcoming and recent published turns show with co-advisers', async () => {
    const { t, advisers } = rosterApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.anna });
    const res = await browser.get('/roster/mine');
    expect(res.status).toBe(200);
    const page = text(res.text);
    const upcoming = page.slice(page.indexOf('Upcoming turns'), page.indexOf('Recent turns'));
    const recent = page.slice(page.indexOf('Recent turns'));
    // The Wednesday turn is running now (until 12:00), so it is still upcoming.
    expect(upcoming).toMatch(/Wednesday 24\.3\. 09:00–12:00 Phone advisory Helsinki Aino Ahonen/);
    expect(recent).toMatch(/Monday 22\.3\. 09:00–12:00 Phone advisory Helsinki Bertil Berg/);
    expect(upcoming).not.toContain('Monday 22.3.');
    expect(page).not.toContain('Espoo ! 1 open');
  });

  it('when the adviser has only a draft turn, then it is not listed', async () => {
    const { t, advisers } = rosterApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.cecilia });
    const page = text((await browser.get('/roster/mine')).text);
    expect(page).toContain('You have no upcoming published turns.');
    expect(page).not.toContain('08:00–16:00');
  });

  it('when the account has no adviser, then the page says so', async () => {
    const { t } = rosterApp();
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.get('/roster/mine');
    expect(res.status).toBe(200);
    expect(text(res.text)).toContain('Your account is not linked to an adviser');
  });
});

describe('escaping', () => {
  it('when names contain markup, then every roster view shows them as text', async () => {
    const { t, region, advisers } = rosterApp();
    const evil = '<script>alert(1)</script>';
    const city = makeCity(t.db, { code: 'evil', name: `<img src=x onerror=alert(2)>` });
    const adviser = makeAdviser(t.db, city, { name: evil });
    makeTurn(t.db, {
      serviceId: region.services.phone,
      date: '2027-03-24',
      startAt: '2027-03-24T06:00:00Z',
      endAt: '2027-03-24T08:45:00Z',
      cityId: city,
      status: 'published',
      adviserIds: [adviser, advisers.anna],
    });
    // A co-adviser's view, since my own name is not repeated on my turns.
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.anna });
    for (const url of ['/roster', '/roster/month', '/roster/mine', '/', `/roster?adviser=${adviser}`]) {
      const res = await browser.get(url);
      expect(res.status, url).toBe(200);
      expect(res.text, url).not.toContain(evil);
      expect(res.text, url).not.toContain('<img src=x');
      expect(res.text, url).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});

describe('navigation and print', () => {
  it('when on a roster page, then the main navigation marks Roster as current and the print button waits for the script', async () => {
    const { t } = rosterApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: makeAdviser(t.db, makeCity(t.db)) });
    for (const url of ['/roster', '/roster/month']) {
      const res = await browser.get(url);
      expect(res.text, url).toContain('<a href="/roster" aria-current="page">Roster</a>');
      expect(res.text, url).toContain('<button type="button" data-print hidden>Print</button>');
      expect(res.text, url).toContain('<link rel="stylesheet" href="/static/roster.css">');
    }
    const home = await browser.get('/');
    expect(home.text).toMatch(/<a href="\/roster"\s*>Roster<\/a>/);
  });
});
