import { describe, expect, it } from 'vitest';
import { absentOnTurns } from '../src/features/roster-views/absent.js';
import type { RosterTurn } from '../src/features/roster-views/model.js';
import type { RosterViewRepository } from '../src/features/roster-views/repository.js';
import { apiToken, loggedIn, makeUser } from './helpers/app.js';
import { makeAbsence } from './helpers/factories.js';
import { rosterApp } from './roster-views-fixtures.js';
import { api } from './workflow.helpers.js';

const WEEK = '/roster?week=2027-03-22';
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The Wednesday 24.3. phone cell's text, where Anna and Aino are on the morning turn. */
const flags = (html: string) => [...html.matchAll(/<ul class="absent-flags">([\s\S]*?)<\/ul>/g)].map((m) => text(m[1] ?? '').trim());

/** Anna (Helsinki) falls ill on Wednesday 24.3., after the week was published: entered by a Helsinki supervisor over the API. */
async function annaIll() {
  const r = rosterApp();
  const sup = await makeUser(r.t, 'supervisor', { cityId: r.region.cities.helsinki });
  const res = await api(r.t, apiToken(r.t, sup.id)).post('/api/v1/absences', {
    adviserId: r.advisers.anna,
    from: '2027-03-24',
    to: '2027-03-24',
    reason: 'ill',
  });
  expect(res.status).toBe(201);
  expect(res.body.affectedPublishedTurns).toBe(1);
  return { ...r, absenceId: res.body.id as number };
}

describe('absent advisers flagged in the week view', () => {
  it("when Helsinki's supervisor opens the week, then Anna's published turn says 'Absent: Anna Aalto' with a link to the replacements of that absence", async () => {
    const r = await annaIll();
    const { browser } = await loggedIn(r.t, 'supervisor', { cityId: r.region.cities.helsinki });
    const res = await browser.get(WEEK);
    expect(res.status).toBe(200);
    // Once only: not on Monday's turn (Anna is not absent then), not for Aino.
    expect(flags(res.text)).toEqual(['! Absent: Anna Aalto Find a replacement : Anna Aalto, Phone advisory 2027-03-24 09:00–12:00']);
    expect(res.text).toContain(`<a class="no-print" href="/absences/${r.absenceId}/replacements">Find a replacement`);
    expect(res.text).toMatch(/<span class="badge badge-absent"><span class="badge-icon" aria-hidden="true">!<\/span> Absent: Anna Aalto<\/span>/);
    const replacements = await browser.get(`/absences/${r.absenceId}/replacements`);
    expect(replacements.status).toBe(200);
  });

  it("when Espoo's supervisor opens the week, then the flag shows without the link; an admin gets the link", async () => {
    const r = await annaIll();
    const { browser: espoo } = await loggedIn(r.t, 'supervisor', { cityId: r.region.cities.espoo, language: 'sv' });
    const seen = await espoo.get(WEEK);
    expect(flags(seen.text)).toEqual(['! Frånvarande: Anna Aalto']);
    expect(seen.text).not.toContain('/replacements');
    const { browser: admin } = await loggedIn(r.t, 'admin', { language: 'fi' });
    const adminPage = await admin.get(WEEK);
    expect(flags(adminPage.text)[0]).toMatch(/^! Poissa: Anna Aalto Etsi sijainen/);
    expect(adminPage.text).toContain(`/absences/${r.absenceId}/replacements`);
  });

  it("when an adviser opens the week, then colleagues' absences are not shown", async () => {
    const r = await annaIll();
    const { browser } = await loggedIn(r.t, 'adviser', { adviserId: r.advisers.bertil });
    const res = await browser.get(WEEK);
    expect(res.status).toBe(200);
    expect(text(res.text)).toContain('Anna Aalto');
    expect(res.text).not.toContain('absent-flags');
  });

  it('when the week was already viewed (cached) and then the absence is entered, then the next view shows the flag', async () => {
    const r = rosterApp();
    const { browser } = await loggedIn(r.t, 'supervisor', { cityId: r.region.cities.helsinki });
    const before = await browser.get(WEEK);
    expect(flags(before.text)).toEqual([]);
    expect((await browser.get(WEEK)).text).toBe(before.text);
    makeAbsence(r.t.db, r.advisers.aino, '2027-03-22', '2027-03-26');
    expect(flags((await browser.get(WEEK)).text)).toEqual([expect.stringMatching(/^! Absent: Aino Ahonen Find a replacement/)]);
  });

  it('when a draft turn has an absent adviser, then it is not flagged (drafts are the generator’s and the publish check’s)', async () => {
    const r = rosterApp();
    makeAbsence(r.t.db, r.advisers.cecilia, '2027-03-25', '2027-03-25');
    const { browser } = await loggedIn(r.t, 'admin');
    const res = await browser.get(WEEK);
    expect(text(res.text)).toContain('Cecilia Corte');
    expect(flags(res.text)).toEqual([]);
  });
});

describe('absentOnTurns: one query a page', () => {
  const turn = (id: number, date: string, status: 'draft' | 'published', advisers: number[]): RosterTurn => ({
    id,
    serviceId: 1,
    serviceCode: 's',
    serviceName: 'S',
    date,
    startAt: '',
    endAt: '',
    start: '09:00',
    end: '12:00',
    headcount: 2,
    language: null,
    status,
    version: 1,
    city: null,
    open: 0,
    advisers: advisers.map((a) => ({ assignmentId: a, id: a, name: `A${a}`, pinned: false })),
  });
  const counting = (rows: Array<{ id: number; adviser_id: number; from_date: string; to_date: string }>) => {
    const calls: Array<[string, string]> = [];
    const repo = { absencesBetween: (from: string, to: string) => (calls.push([from, to]), rows) } as unknown as RosterViewRepository;
    return { repo, calls };
  };

  it('when a week has many published turns, then the absences are read once for the whole week and matched per day', () => {
    const { repo, calls } = counting([{ id: 7, adviser_id: 1, from_date: '2027-03-23', to_date: '2027-03-24' }]);
    const turns = ['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25'].flatMap((d, i) => [
      turn(i * 2 + 1, d, 'published', [1, 2]),
      turn(i * 2 + 2, d, 'published', [3]),
    ]);
    const marks = absentOnTurns(repo, turns, '2027-03-22', '2027-03-28');
    expect(calls).toEqual([['2027-03-22', '2027-03-28']]);
    expect([...marks.entries()]).toEqual([
      [3, [{ adviserId: 1, name: 'A1', absenceId: 7 }]],
      [5, [{ adviserId: 1, name: 'A1', absenceId: 7 }]],
    ]);
  });

  it('when no published turn has advisers, then no query is made', () => {
    const { repo, calls } = counting([]);
    expect(absentOnTurns(repo, [turn(1, '2027-03-22', 'draft', [1]), turn(2, '2027-03-22', 'published', [])], '2027-03-22', '2027-03-28').size).toBe(0);
    expect(calls).toEqual([]);
  });
});
