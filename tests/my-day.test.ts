import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiToken, loggedIn, makeUser } from './helpers/app.js';
import { makeAbsence, makeClosure, makeTurn } from './helpers/factories.js';
import { rosterApp } from './roster-views-fixtures.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const section = (html: string, id: string) => {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  return start < 0 ? '' : text(html.slice(start, html.indexOf('</section>', start)));
};
const navOf = (html: string) => html.slice(html.indexOf('<nav aria-label'), html.indexOf('</nav>'));

describe('home first thing on a phone', () => {
  it('when an adviser opens home, then the next turn comes first with weekday and date in words, time, service, city and colleagues', async () => {
    const { t, advisers } = rosterApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.anna });
    const res = await browser.get('/');
    expect(res.status).toBe(200);
    const next = section(res.text, 'next-turn-heading');
    expect(next).toMatch(/My next turn Wednesday 24 March 2027 09:00–12:00 Phone advisory, Helsinki With you: Aino Ahonen/);
    expect(res.text.indexOf('next-turn-heading')).toBeLessThan(res.text.indexOf('waiting-heading'));
    expect(res.text.indexOf('waiting-heading')).toBeLessThan(res.text.indexOf('on-duty-heading'));
    expect(section(res.text, 'waiting-heading')).toContain('Nothing waits for your answer or approval.');
  });

  it('when the adviser uses Finnish, then the next turn is written the Finnish way', async () => {
    const { t, advisers } = rosterApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.aino, language: 'fi' });
    const res = await browser.get('/');
    const next = section(res.text, 'next-turn-heading');
    expect(next).toMatch(/keskiviikko 24\. maaliskuuta 2027 9\.00–12\.00/);
  });

  it('when a colleague asks the adviser to take a turn, then home lists it as a link and Requests carries a count', async () => {
    const { t, region, advisers } = rosterApp();
    const day = '2027-03-30';
    const turn = makeTurn(t.db, {
      serviceId: region.services.email,
      date: day,
      startAt: `${day}T05:00:00Z`,
      endAt: `${day}T13:00:00Z`,
      cityId: region.cities.helsinki,
      status: 'published',
      adviserIds: [advisers.aino],
    });
    t.db
      .prepare('INSERT INTO adviser_skills (adviser_id, service_id) VALUES (?, ?), (?, ?)')
      .run(advisers.anna, region.services.email, advisers.aino, region.services.email);
    const aino = await makeUser(t, 'adviser', { adviserId: advisers.aino });
    const asked = await request(t.app)
      .post('/api/v1/swaps')
      .set('Authorization', `Bearer ${apiToken(t, aino.id)}`)
      .send({ turnId: turn, targetId: advisers.anna });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.anna });
    const res = await browser.get('/');
    expect(res.text).toContain(`href="/requests#swap-${asked.body.id}"`);
    expect(section(res.text, 'waiting-heading')).toMatch(/Aino Ahonen asks you to take their turn Email advisory Tue 30 Mar 2027 08:00–16:00 \(Helsinki\)/);
    expect(text(navOf(res.text))).toContain('Requests 1 waiting');
    const requests = await browser.get('/requests');
    expect(requests.text).toContain(`id="swap-${asked.body.id}"`);

    // Once accepted, it waits for Helsinki's supervisor instead.
    expect((await browser.post(`/requests/swaps/${asked.body.id}/respond`, { decision: 'accept', version: '1' })).status).toBe(303);
    expect(text(navOf((await browser.get('/')).text))).not.toContain('waiting');
    const { browser: sup } = await loggedIn(t, 'supervisor', { cityId: region.cities.helsinki });
    const supHome = await sup.get('/');
    expect(section(supHome.text, 'waiting-heading')).toContain('Approve the swap asked by Aino Ahonen');
    expect(text(navOf(supHome.text))).toContain('Requests 1 waiting');
    const { browser: espoo } = await loggedIn(t, 'supervisor', { cityId: region.cities.espoo });
    expect(text(navOf((await espoo.get('/')).text))).not.toContain('waiting');
  });
});

describe('navigation per role', () => {
  it('when each role opens a page, then the navigation shows only pages that role may open, and an adviser sees no admin pages', async () => {
    const { t, region, advisers } = rosterApp();
    const sessions = {
      adviser: (await loggedIn(t, 'adviser', { adviserId: advisers.anna })).browser,
      supervisor: (await loggedIn(t, 'supervisor', { cityId: region.cities.helsinki })).browser,
      admin: (await loggedIn(t, 'admin')).browser,
    };
    for (const [role, browser] of Object.entries(sessions)) {
      const home = await browser.get('/');
      const links = [...navOf(home.text).matchAll(/href="([^"]+)"/g)].map((m) => m[1] as string);
      expect(links.length, role).toBeGreaterThan(4);
      for (const href of links) expect((await browser.get(href)).status, `${role} ${href}`).toBe(200);
      if (role === 'adviser') {
        for (const admin of ['/users', '/cities', '/services', '/rosters/generate', '/changes"', '/tokens'])
          expect(navOf(home.text), admin).not.toContain(`href="${admin.replace('"', '')}"`);
        expect(links).toContain('/roster/mine/month');
      }
    }
  });

  it('when the page is rendered, then one menu button controls the menu and is hidden until the script runs', async () => {
    const { t, advisers } = rosterApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.anna });
    const res = await browser.get('/');
    expect(res.text).toMatch(/<button type="button" class="menu-button" aria-expanded="true" aria-controls="site-menu" hidden>/);
    expect(res.text).toContain('id="site-menu"');
  });
});

describe('my month', () => {
  it('when an adviser opens my month, then Monday-first weeks show my turns, holidays and closures by name, my absences and today', async () => {
    const { t, advisers } = rosterApp();
    makeClosure(t.db, '2027-03-26', 'Staff day');
    makeAbsence(t.db, advisers.anna, '2027-03-30', '2027-03-31');
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.anna });
    const res = await browser.get('/roster/mine/month?month=2027-03');
    expect(res.status).toBe(200);
    const grid = res.text.slice(res.text.indexOf('<table class="my-month-grid">'), res.text.indexOf('</table>'));
    // March 2027 starts on a Monday; the first header is Monday.
    expect(text(grid)).toMatch(/My turns in March 2027 Mo Tu We Th Fr Sa Su/);
    expect(grid).toContain('aria-current="date"');
    expect(text(grid)).toContain('Closed: Staff day');
    expect(text(grid)).toContain('Absent');
    expect(text(grid)).toMatch(/22\. 09:00–12:00 Phone advisory, Helsinki/);
    expect(text(grid)).toMatch(/24\. Today 09:00–12:00 Phone advisory, Helsinki/);
    // Bertil's Espoo afternoon turn is not mine.
    expect(grid).not.toContain('12:00–16:00');
    expect(res.text).toContain('href="/roster/mine/month?month=2027-02"');
    expect(res.text).toContain('href="/roster/mine/month?month=2027-04"');
    const list = text(res.text.slice(res.text.indexOf('<ol class="my-month-list"'), res.text.indexOf('</ol>')));
    expect(list).toMatch(/Wednesday 24 March 2027 \(Today\) 09:00–12:00 Phone advisory, Helsinki With you: Aino Ahonen/);
    // Easter: Good Friday 2027 is 26 March too; Easter Monday 29 March is named.
    expect(text(grid)).toMatch(/Closed: Easter Monday/);
  });

  it('when the month is malformed, then 400', async () => {
    const { t, advisers } = rosterApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.anna });
    expect((await browser.get('/roster/mine/month?month=2027-13')).status).toBe(400);
  });
});

describe('one turn into any calendar', () => {
  it('when an adviser downloads one turn, then it is one VEVENT with the same UID and SEQUENCE as their feed, and a Google link is offered', async () => {
    const { t, advisers, turns } = rosterApp();
    const { browser, user } = await loggedIn(t, 'adviser', { adviserId: advisers.anna });
    const api = request(t.app);
    const token = apiToken(t, user.id);
    const feedLink = await api.post('/api/v1/calendar-tokens').set('Authorization', `Bearer ${token}`).send({ scope: 'adviser', id: advisers.anna });
    expect(feedLink.status).toBe(201);
    const feed = (await api.get(new URL(feedLink.body.httpsUrl).pathname)).text;
    const res = await browser.get(`/roster/mine/turns/${turns.phoneMorning}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = res.text;
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const uid = /UID:(.+)\r\n/.exec(ics)?.[1];
    const sequence = /SEQUENCE:(\d+)/.exec(ics)?.[1];
    expect(uid).toBe(`turn-${turns.phoneMorning}-adviser-${advisers.anna}@vuoro`);
    expect(feed).toContain(`UID:${uid}\r\nSEQUENCE:${sequence}\r\n`);
    expect(ics).toContain('DTSTART;TZID=Europe/Helsinki:20270324T090000');
    // Not my turn, or a draft: 404.
    expect((await browser.get(`/roster/mine/turns/${turns.phoneAfternoon}.ics`)).status).toBe(404);
    expect((await browser.get(`/roster/mine/turns/${turns.emailDraft}.ics`)).status).toBe(404);
    const home = await browser.get('/');
    expect(home.text).toContain(`href="/roster/mine/turns/${turns.phoneMorning}.ics"`);
    expect(home.text).toContain('https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Phone+advisory');
    expect(home.text).toContain('dates=20270324T070000Z%2F20270324T100000Z');
  });
});

describe('the team week', () => {
  it('when an adviser opens the week, then their own turns carry a text mark in the grid and in the list by day', async () => {
    const { t, advisers } = rosterApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.anna });
    const res = await browser.get('/roster?week=2027-03-22');
    expect(res.status).toBe(200);
    const grid = res.text.slice(0, res.text.indexOf('class="week-list"'));
    const list = res.text.slice(res.text.indexOf('class="week-list"'));
    // Monday and Wednesday mornings are Anna's; Bertil's Espoo afternoon is not.
    expect(grid.match(/class="mine-mark">Mine</g)).toHaveLength(2);
    expect(list.match(/class="mine-mark">Mine</g)).toHaveLength(2);
    expect(text(list)).toMatch(/Wednesday 24 March 2027 \(today\) Mine 09:00–12:00 Phone advisory, Helsinki Aino Ahonen, Anna Aalto \(you\)/);
  });
});
