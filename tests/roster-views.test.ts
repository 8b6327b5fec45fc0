import { describe, expect, it } from 'vitest';
import { loggedIn } from './helpers/app.js';
import { makeAdviser, makeTurn } from './helpers/factories.js';
import { rosterApp } from './roster-views-fixtures.js';

/** The text of a page with tags removed and whitespace collapsed, for reading like a user. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The text of the page's first table only (the filter form lists every adviser too). */
const table = (html: string) => text(html.slice(html.indexOf('<table'), html.indexOf('</table>')));
/** The cells of one table row whose header starts with the given text. */
const column = (html: string, day: string) => {
  const headers = [...html.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => text(m[1] ?? '').trim());
  return headers.findIndex((h) => h.startsWith(day));
};

describe('week view', () => {
  it('when a supervisor opens this week, then turns show with local times, cities, advisers and open seats', async () => {
    const { t, region } = rosterApp();
    const { browser } = await loggedIn(t, 'supervisor', { cityId: region.cities.helsinki });
    const res = await browser.get('/roster');
    expect(res.status).toBe(200);
    const page = text(res.text);
    expect(page).toContain('Roster, week 12');
    expect(page).toContain('09:00–12:00');
    expect(page).toContain('12:00–16:00');
    expect(page).toContain('Anna Aalto');
    expect(page).toContain('Aino Ahonen');
    expect(page).toContain('Bertil Berg');
    expect(page).toMatch(/09:00–12:00 Helsinki ✓ 2 of 2/);
    expect(page).toMatch(/12:00–16:00 Espoo ! 1 open 1 of 2/);
    expect(res.text).toContain('fill="#005a9c"');
    expect(res.text).toContain('<caption id="week-caption">Service turns of week 12 (22/03/2027–28/03/2027) by service and day</caption>');
  });

  it("when the week contains today, then only today's column is marked with text and aria-current", async () => {
    const { t } = rosterApp();
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.get('/roster');
    // The grid marks one column; the phone's list by day (after it) marks the same day once more.
    const grid = res.text.slice(0, res.text.indexOf('class="week-list"'));
    expect(grid.match(/aria-current="date"/g)?.length).toBe(1);
    expect(res.text.match(/aria-current="date"/g)?.length).toBe(2);
    expect(res.text).toMatch(/aria-current="date">Wednesday 24\.3\. <strong class="today-mark">\(today\)<\/strong>/);
    const other = await browser.get('/roster?week=2027-03-31');
    expect(other.text).not.toContain('aria-current="date"');
    expect(other.text).not.toContain('(today)');
  });

  it('when an adviser opens the week, then drafts are hidden; supervisors and admins see them with a draft badge', async () => {
    const { t, region, advisers } = rosterApp();
    const adviser = await loggedIn(t, 'adviser', { adviserId: advisers.cecilia });
    const seen = await adviser.browser.get('/roster');
    expect(seen.status).toBe(200);
    expect(table(seen.text)).not.toContain('08:00–16:00');
    expect(table(seen.text)).not.toContain('Cecilia Corte');
    expect(seen.text).not.toContain('badge-draft');
    for (const role of ['supervisor', 'admin'] as const) {
      const { browser } = await loggedIn(t, role, { cityId: region.cities.espoo });
      const page = await browser.get('/roster');
      expect(text(page.text)).toMatch(/08:00–16:00 Draft Vantaa/);
      expect(table(page.text)).toContain('Cecilia Corte');
    }
  });

  it('when the week contains the clock change of 2027-03-28, then turns before and after it show at 09:00 and the week ends on Sunday', async () => {
    const { t, region } = rosterApp();
    const { phone } = region.services;
    // 09:00 local is 07:00Z before the change and 06:00Z after it.
    makeTurn(t.db, {
      serviceId: phone,
      date: '2027-03-26',
      startAt: '2027-03-26T07:00:00Z',
      endAt: '2027-03-26T10:00:00Z',
      cityId: region.cities.vantaa,
      status: 'published',
    });
    makeTurn(t.db, {
      serviceId: phone,
      date: '2027-03-28',
      startAt: '2027-03-28T06:00:00Z',
      endAt: '2027-03-28T09:00:00Z',
      cityId: region.cities.vantaa,
      status: 'published',
    });
    makeTurn(t.db, {
      serviceId: phone,
      date: '2027-03-29',
      startAt: '2027-03-29T06:00:00Z',
      endAt: '2027-03-29T09:00:00Z',
      cityId: region.cities.espoo,
      status: 'published',
    });
    const { browser } = await loggedIn(t, 'adviser', { adviserId: makeAdviser(t.db, region.cities.espoo) });
    const res = await browser.get('/roster?week=2027-03-28');
    expect(res.status).toBe(200);
    const page = text(res.text);
    expect(page).toContain('Roster, week 12');
    expect(column(res.text, 'Sunday 28.3.')).toBeGreaterThan(0);
    expect(column(res.text, 'Saturday')).toBe(-1);
    expect(page).not.toContain('Monday 29.3.');
    // In the grid (the phone's list by day after it repeats the same turns).
    expect(text(res.text.slice(0, res.text.indexOf('class="week-list"'))).match(/09:00–12:00/g)?.length).toBe(4); // Mon 22, Wed 24, Fri 26, Sun 28
    expect(page).not.toMatch(/08:00–11:00|10:00–13:00/);
    const after = text((await browser.get('/roster?week=2027-03-29')).text);
    expect(after).toContain('Roster, week 13');
    expect(after).toMatch(/09:00–12:00 Espoo/);
  });

  it('when filtering by city, service or adviser, then only matching turns show and links keep the filters', async () => {
    const { t, advisers } = rosterApp();
    const { browser } = await loggedIn(t, 'admin');
    const espoo = table((await browser.get('/roster?city=espoo')).text);
    expect(espoo).toContain('12:00–16:00');
    expect(espoo).not.toContain('Anna Aalto');
    const email = table((await browser.get('/roster?service=email')).text);
    expect(email).toContain('Cecilia Corte');
    expect(email).not.toContain('Bertil Berg');
    const res = await browser.get(`/roster?adviser=${advisers.bertil}&week=2027-03-24`);
    const bertil = table(res.text);
    expect(bertil).toContain('12:00–16:00');
    expect(bertil).not.toContain('Aino Ahonen');
    expect(res.text).toContain(`href="/roster?week=2027-03-29&amp;adviser=${advisers.bertil}"`);
    expect(res.text).toContain(`href="/roster.csv?from=2027-03-22&amp;to=2027-03-28&amp;adviser=${advisers.bertil}"`);
    expect(res.text).toMatch(new RegExp(`<option value="${advisers.bertil}" selected>Bertil Berg</option>`));
  });

  it('when moving between weeks, then previous and next links and the date picker point at the right weeks', async () => {
    const { t } = rosterApp();
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.get('/roster?week=2027-01-01');
    expect(text(res.text)).toContain('Roster, week 53');
    expect(res.text).toContain('href="/roster?week=2026-12-21"');
    expect(res.text).toContain('href="/roster?week=2027-01-04"');
    expect(res.text).toContain('<input id="f-week" name="week" type="date" value="2026-12-28">');
  });

  it.each([
    ['week=2027-02-30'],
    ['week=yesterday'],
    ['week=2027-03-24&week=2027-03-31'],
    ['city=atlantis'],
    ['city=%3Cb%3E'],
    ['service=fax'],
    ['adviser=0'],
    ['adviser=abc'],
    ['adviser=999999'],
    ['week=0001-01-01'],
  ])('when the query is %s, then a 400 page explains it and nothing crashes', async (query) => {
    const { t } = rosterApp();
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.get(`/roster?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('The request has invalid fields.');
  });

  it('when not logged in, then the roster redirects to the login', async () => {
    const { t } = rosterApp();
    const { Browser } = await import('./helpers/app.js');
    const res = await new Browser(t.app).get('/roster');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Froster');
  });

  it('when the language is Finnish or Swedish, then the week speaks it', async () => {
    const { t } = rosterApp();
    const fi = await loggedIn(t, 'admin', { language: 'fi' });
    const fiPage = text((await fi.browser.get('/roster')).text);
    expect(fiPage).toContain('Vuorolista, viikko 12');
    expect(fiPage).toContain('1 avoinna');
    expect(fiPage).toContain('keskiviikko 24.3. (tänään)');
    const sv = await loggedIn(t, 'admin', { language: 'sv' });
    const svPage = text((await sv.browser.get('/roster')).text);
    expect(svPage).toContain('Arbetsschema, vecka 12');
    expect(svPage).toContain('1 lediga');
    expect(svPage).toContain('Utkast');
  });
});
