import { describe, expect, it } from 'vitest';
import { loggedIn } from './helpers/app.js';
import { makeTurn } from './helpers/factories.js';
import { NOW, rosterApp } from './roster-views-fixtures.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const section = (html: string, id: string) => {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  return start < 0 ? '' : text(html.slice(start, html.indexOf('</section>', start)));
};

describe('home page', () => {
  it('when a turn is running, then the on-duty panel shows it per service, and the others say nobody and the next turn', async () => {
    const { t, advisers } = rosterApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.bertil });
    const res = await browser.get('/');
    expect(res.status).toBe(200);
    const panel = section(res.text, 'on-duty-heading');
    expect(panel).toContain('Who is on duty at 10:30, by service');
    expect(panel).toMatch(/Phone advisory 09:00–12:00 Helsinki Aino Ahonen, Anna Aalto/);
    // The email turn on Thursday is a draft: it is neither on duty nor next.
    expect(panel).toMatch(/Email advisory Nobody on duty now\. No published turns in the next two weeks\./);
    expect(panel).not.toContain('Cecilia Corte');
  });

  it('when nothing runs now, then each service names its next published turn', async () => {
    // 07:00 in Helsinki: the phone turn at 09:00 is next; the email draft on Thursday is skipped.
    const { t, region } = rosterApp(new Date('2027-03-24T05:00:00Z'));
    makeTurn(t.db, {
      serviceId: region.services.email,
      date: '2027-03-26',
      startAt: '2027-03-26T06:00:00Z',
      endAt: '2027-03-26T14:00:00Z',
      cityId: region.cities.espoo,
      status: 'published',
    });
    const { browser } = await loggedIn(t, 'admin');
    const panel = section((await browser.get('/')).text, 'on-duty-heading');
    expect(panel).toMatch(/Phone advisory Nobody on duty now\. Next turn: Wed 24\.3\. 09:00–12:00, Helsinki/);
    expect(panel).toMatch(/Email advisory Nobody on duty now\. Next turn: Fri 26\.3\. 08:00–16:00, Espoo/);
  });

  it('when an adviser opens the home page, then their next turns show with co-advisers and no planning counts', async () => {
    const { t, advisers } = rosterApp();
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.anna });
    const res = await browser.get('/');
    const mine = section(res.text, 'my-next-heading');
    expect(mine).toMatch(/Wednesday 24\.3\. 09:00–12:00 Phone advisory, Helsinki \(With: Aino Ahonen\)/);
    expect(mine).not.toContain('Monday 22.3.');
    expect(res.text).toContain('href="/roster/mine"');
    expect(res.text).not.toContain('planning-heading');
  });

  it('when a supervisor opens the home page, then open and draft turns of the coming four weeks are counted with links', async () => {
    const { t, region } = rosterApp();
    // Past turns do not count; one more open draft three weeks ahead does; one five weeks ahead does not.
    makeTurn(t.db, { serviceId: region.services.phone, date: '2027-03-23', startAt: '2027-03-23T07:00:00Z', endAt: '2027-03-23T10:00:00Z', status: 'draft' });
    makeTurn(t.db, { serviceId: region.services.phone, date: '2027-04-14', startAt: '2027-04-14T06:00:00Z', endAt: '2027-04-14T09:00:00Z', status: 'draft' });
    makeTurn(t.db, { serviceId: region.services.phone, date: '2027-04-28', startAt: '2027-04-28T06:00:00Z', endAt: '2027-04-28T09:00:00Z', status: 'draft' });
    const { browser } = await loggedIn(t, 'supervisor', { cityId: region.cities.espoo });
    const res = await browser.get('/');
    const planning = section(res.text, 'planning-heading');
    expect(planning).toContain('Open turns (seats not filled or no city): 2');
    expect(planning).toContain('Unpublished draft turns: 2');
    expect(res.text).toContain('href="/roster/month"');
    expect(res.text).not.toContain('my-next-heading');
  });

  it('when the page is in Finnish, then the panel speaks Finnish', async () => {
    const { t } = rosterApp(NOW);
    const { browser } = await loggedIn(t, 'admin', { language: 'fi' });
    const res = await browser.get('/');
    expect(text(res.text)).toContain('Vuorossa nyt');
    expect(text(res.text)).toContain('Seuraavat neljä viikkoa');
  });
});
