import { describe, expect, it } from 'vitest';
import { loggedIn } from './helpers/app.js';
import { makeAbsence, makeClosure } from './helpers/factories.js';
import { rosterApp } from './roster-views-fixtures.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const table = (html: string) => text(html.slice(html.indexOf('<table'), html.indexOf('</table>')));
const pin = (db: ReturnType<typeof rosterApp>['t']['db'], turnId: number, adviserId: number) =>
  db.prepare('UPDATE assignments SET pinned = 1 WHERE turn_id = ? AND adviser_id = ?').run(turnId, adviserId);

describe('marks in the roster views', () => {
  it('when an adviser was set on a turn by hand, then the week and month views say so in words beside that name only', async () => {
    const { t, turns, advisers } = rosterApp();
    pin(t.db, turns.phoneMorning, advisers.aino);
    const { browser } = await loggedIn(t, 'admin');
    const week = table((await browser.get('/roster?week=2027-03-24')).text);
    expect(week).toContain('Aino Ahonen (set by hand) Anna Aalto');
    expect(week.match(/set by hand/g)?.length).toBe(1);
    const month = table((await browser.get('/roster/month?month=2027-03')).text);
    expect(month).toContain('Aino Ahonen (set by hand) , Anna Aalto');
  });

  it('when an adviser on a published turn is absent, then the turn has a flag instead of the green check and the count names who is missing', async () => {
    const { t, region, turns, advisers } = rosterApp();
    makeAbsence(t.db, advisers.aino, '2027-03-24', '2027-03-24');
    const { browser } = await loggedIn(t, 'supervisor', { cityId: region.cities.helsinki });
    const res = await browser.get('/roster?week=2027-03-24');
    const edit = res.text.indexOf(`/roster/turns/${turns.phoneMorning}"`);
    const li = res.text.slice(res.text.lastIndexOf('<li class="turn', edit), edit);
    expect(li).not.toContain('staffing-full');
    expect(text(li)).toContain('! 1 of 2 — Aino Ahonen absent');
    // The Monday turn, with nobody absent, keeps its check.
    expect(text(res.text)).toMatch(/✓ 2 of 2/);
    const month = table((await browser.get('/roster/month?month=2027-03')).text);
    expect(month).toContain('! 1 of 2 — Aino Ahonen absent');
    const fi = await loggedIn(t, 'admin', { language: 'fi' });
    expect(table((await fi.browser.get('/roster?week=2027-03-24')).text)).toContain('! 1/2 — poissa: Aino Ahonen');
  });

  it('when an adviser looks, then colleagues’ absences are not shown', async () => {
    const { t, advisers } = rosterApp();
    makeAbsence(t.db, advisers.aino, '2027-03-24', '2027-03-24');
    const { browser } = await loggedIn(t, 'adviser', { adviserId: advisers.cecilia });
    expect(table((await browser.get('/roster?week=2027-03-24')).text)).not.toContain('absent');
    expect(table((await browser.get('/roster/month?month=2027-03')).text)).not.toContain('absent');
  });

  it('when a day is a public holiday or a closure, then the views name it instead of a dash', async () => {
    const { t } = rosterApp();
    makeClosure(t.db, '2027-03-23', 'Staff training day');
    const { browser } = await loggedIn(t, 'admin');
    const week = table((await browser.get('/roster?week=2027-03-24')).text);
    expect(week).toContain('Tuesday 23.3. Closed: Staff training day');
    expect(week).toContain('Friday 26.3. Closed: Good Friday');
    const month = table((await browser.get('/roster/month?month=2027-03')).text);
    expect(month).toContain('23.3. Closed: Staff training day');
    expect(month).toContain('26.3. Closed: Good Friday');
    const fi = await loggedIn(t, 'admin', { language: 'fi' });
    expect(table((await fi.browser.get('/roster/month?month=2027-03')).text)).toContain('Suljettu: Pitkäperjantai');
  });

  it('when the month is filtered by city and service, then the page (and so its printout) states month, city and service', async () => {
    const { t } = rosterApp();
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.get('/roster/month?month=2027-03&city=espoo&service=phone');
    expect(text(res.text)).toContain('Shown: March 2027 · city: Espoo · service: Phone advisory');
    expect(res.text).toMatch(/<p class="roster-summary">[^<]*Espoo/);
    const all = await browser.get('/roster/month?month=2027-03');
    expect(text(all.text)).toContain('Shown: March 2027 · city: all · service: all');
    // Filtered to one service, the service name is not repeated on every turn.
    expect(table(res.text)).toContain('12:00–16:00 Espoo ! 1 open Bertil Berg');
  });

  it('when a draft and a published turn are shown to a supervisor, then only the draft carries the word Draft', async () => {
    const { t, region } = rosterApp();
    const { browser } = await loggedIn(t, 'supervisor', { cityId: region.cities.vantaa });
    const month = table((await browser.get('/roster/month?month=2027-03')).text);
    expect(month.match(/Draft/g)?.length).toBe(1);
    expect(month).toMatch(/08:00–16:00 Email advisory Vantaa Draft Cecilia Corte/);
  });
});
