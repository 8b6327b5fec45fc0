import { describe, expect, it } from 'vitest';
import { recordChange } from '../src/features/audit/rules.js';
import { loggedIn, makeTestApp, type TestApp } from './helpers/app.js';
import { makeAdviser, makeCity } from './helpers/factories.js';

/** A clock the test moves; sessions read it too, so it only ever moves forward by minutes after login. */
function clockAt(iso: string) {
  const clock = {
    at: new Date(iso),
    now: () => clock.at,
    set: (s: string) => {
      clock.at = new Date(s);
    },
  };
  return clock;
}

/** The ids of the change rows on a page, in order. */
const changeIds = (html: string): number[] => [...html.matchAll(/data-change="(\d+)"/g)].map((m) => Number(m[1]));
const kindsOn = (html: string): string[] => [...html.matchAll(/data-kind="([^"]+)"/g)].map((m) => m[1] ?? '');

function region(t: TestApp) {
  const helsinki = makeCity(t.db, { code: 'helsinki', name: 'Helsinki' });
  const espoo = makeCity(t.db, { code: 'espoo', name: 'Espoo' });
  const anna = makeAdviser(t.db, helsinki, { name: 'Anna Aalto' });
  const bertil = makeAdviser(t.db, helsinki, { name: 'Bertil Berg' });
  const cecilia = makeAdviser(t.db, espoo, { name: 'Cecilia Carlsson' });
  return { helsinki, espoo, anna, bertil, cecilia };
}

describe('GET /changes', () => {
  it('when a supervisor opens the log, then each change shows local time, who, a sentence and names before → after', async () => {
    const clock = clockAt('2027-06-01T06:30:00.000Z');
    const t = makeTestApp({ clock });
    const r = region(t);
    const { browser, user } = await loggedIn(t, 'supervisor', { cityId: r.helsinki });
    recordChange(t.ctx, {
      userId: user.id,
      kind: 'turn.assign',
      entity: 'turn',
      entityId: 1,
      cityId: r.helsinki,
      before: { adviserIds: [r.anna, r.bertil] },
      after: { adviserIds: [r.anna, r.cecilia] },
    });
    recordChange(t.ctx, { userId: null, kind: 'future.thing', entity: 'thing', after: { note: 'x' } });
    const res = await browser.get('/changes');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Advisers of a turn changed');
    expect(res.text).toContain(`Test ${user.username}`);
    expect(res.text).toContain('Anna Aalto, Bertil Berg</span> → <span class="after">Anna Aalto, Cecilia Carlsson');
    // Issue 14: the log shows words only, no JSON block; an unknown kind reads as words, not its code.
    expect(res.text).not.toContain('Details (JSON)');
    expect(res.text).toContain('future thing');
    // 06:30 UTC is 09:30 in Helsinki in summer.
    expect(res.text).toContain('09:30');
    // An unknown kind reads as words (issue 14: no raw codes), and a change without a user is the system’s.
    expect(res.text).toMatch(/<th scope="row">\s*future thing/);
    expect(res.text).toContain('System');
  });

  it('when filtering by date, city, adviser and kind, then only the matching changes are listed', async () => {
    const clock = clockAt('2027-06-01T08:00:00.000Z');
    const t = makeTestApp({ clock });
    const r = region(t);
    const early = recordChange(t.ctx, { userId: null, kind: 'absence.create', entity: 'absence', cityId: r.helsinki, adviserId: r.anna });
    clock.set('2027-06-03T08:00:00.000Z');
    const helsinkiTurn = recordChange(t.ctx, {
      userId: null,
      kind: 'turn.assign',
      entity: 'turn',
      cityId: r.helsinki,
      before: { adviserIds: [r.anna] },
      after: { adviserIds: [r.bertil] },
    });
    const espooTurn = recordChange(t.ctx, { userId: null, kind: 'turn.assign', entity: 'turn', cityId: r.espoo, after: { adviserIds: [r.cecilia] } });
    const move = recordChange(t.ctx, {
      userId: null,
      kind: 'turn.city_move',
      entity: 'turn',
      cityId: r.espoo,
      before: { cityId: r.helsinki },
      after: { cityId: r.espoo },
    });
    clock.set('2027-06-03T08:10:00.000Z');
    const { browser } = await loggedIn(t, 'admin');

    expect(changeIds((await browser.get('/changes')).text)).toEqual([move, espooTurn, helsinkiTurn, early]);
    expect(changeIds((await browser.get('/changes?from=2027-06-02&to=2027-06-03')).text)).toEqual([move, espooTurn, helsinkiTurn]);
    expect(changeIds((await browser.get('/changes?to=2027-06-01')).text)).toEqual([early]);
    expect(changeIds((await browser.get(`/changes?city=${r.espoo}`)).text)).toEqual([move, espooTurn]);
    // Bertil is only in the "after" of one change, Anna in an absence and a "before".
    expect(changeIds((await browser.get(`/changes?adviser=${r.bertil}`)).text)).toEqual([helsinkiTurn]);
    expect(changeIds((await browser.get(`/changes?adviser=${r.anna}`)).text)).toEqual([helsinkiTurn, early]);
    expect(changeIds((await browser.get('/changes?kind=turn.assign')).text)).toEqual([espooTurn, helsinkiTurn]);
    const combined = await browser.get(`/changes?from=2027-06-03&city=${r.helsinki}&kind=turn.assign&adviser=`);
    expect(changeIds(combined.text)).toEqual([helsinkiTurn]);
    // The form shows the chosen filter again.
    expect(combined.text).toContain('value="2027-06-03"');
    expect(combined.text).toMatch(new RegExp(`<option value="${r.helsinki}" selected>`));
  });

  it('when there are 120 changes, then pages of 50 go newest first and the links keep the filter', async () => {
    const t = makeTestApp();
    const r = region(t);
    const insert = t.db.transaction(() => {
      for (let i = 0; i < 120; i++) recordChange(t.ctx, { userId: null, kind: 'adviser.update', entity: 'adviser', entityId: i, cityId: r.helsinki });
    });
    insert.immediate();
    recordChange(t.ctx, { userId: null, kind: 'share.change', entity: 'share', cityId: r.helsinki });
    const { browser } = await loggedIn(t, 'supervisor', { cityId: r.espoo });
    const first = await browser.get('/changes?kind=adviser.update');
    const ids = changeIds(first.text);
    expect(ids).toHaveLength(50);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(first.text).toContain('Page 1 of 3');
    expect(first.text).toContain('120 changes');
    expect(first.text).toContain('href="/changes?kind=adviser.update&amp;page=2"');
    const third = await browser.get('/changes?kind=adviser.update&page=3');
    expect(changeIds(third.text)).toHaveLength(20);
    expect(kindsOn(third.text).every((k) => k === 'adviser.update')).toBe(true);
    expect(Math.max(...changeIds(third.text))).toBeLessThan(Math.min(...ids));
  });

  it('when the filter is malformed, then 400 with the problems beside the fields and no rows', async () => {
    const t = makeTestApp();
    recordChange(t.ctx, { userId: null, kind: 'roster.publish', entity: 'roster' });
    const { browser } = await loggedIn(t, 'admin');
    for (const query of ['from=2027-13-01', 'from=2027-06-05&to=2027-06-01', 'city=abc', 'kind=<script>', 'page=0']) {
      const res = await browser.get(`/changes?${query}`);
      expect(res.status, query).toBe(400);
      expect(changeIds(res.text), query).toEqual([]);
      expect(res.text, query).toContain('class="error-summary"');
      expect(res.text, query).toMatch(query === 'page=0' ? /Check the filter/ : /<p class="error" id="f-/);
      expect(res.text, query).not.toContain('<script>');
    }
  });

  it('when an adviser asks for the whole log, then 403', async () => {
    const t = makeTestApp();
    const r = region(t);
    const { browser } = await loggedIn(t, 'adviser', { adviserId: r.anna });
    expect((await browser.get('/changes')).status).toBe(403);
    const home = await browser.get('/');
    expect(home.text).not.toContain('href="/changes"');
    expect(home.text).toContain('href="/changes/mine"');
  });

  it('when stored values carry markup, then the page shows them escaped', async () => {
    const t = makeTestApp();
    const city = makeCity(t.db, { name: '<img src=x onerror=alert(1)>' });
    const adviser = makeAdviser(t.db, city, { name: '<script>alert("name")</script>' });
    recordChange(t.ctx, {
      userId: null,
      kind: 'adviser.update',
      entity: 'adviser',
      cityId: city,
      adviserId: adviser,
      before: { reason: '<b>old</b>' },
      after: { reason: '</pre><script>alert(2)</script>' },
    });
    const { browser } = await loggedIn(t, 'admin');
    const res = await browser.get('/changes');
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/<script>alert|<img src=x|<b>old/);
    expect(res.text).toContain('&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;');
    expect(res.text).toContain('&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
  });
});

describe('GET /changes/mine', () => {
  it('when an adviser opens their changes, then only changes touching them are listed, with the new ones marked, and the count drops after viewing', async () => {
    const clock = clockAt('2027-06-01T08:00:00.000Z');
    const t = makeTestApp({ clock });
    const r = region(t);
    const { browser, user } = await loggedIn(t, 'adviser', { adviserId: r.anna });
    const mine1 = recordChange(t.ctx, {
      userId: null,
      kind: 'turn.assign',
      entity: 'turn',
      before: { adviserIds: [r.bertil] },
      after: { adviserIds: [r.anna] },
    });
    const notMine = recordChange(t.ctx, { userId: null, kind: 'turn.assign', entity: 'turn', after: { adviserIds: [r.cecilia] } });
    const own = recordChange(t.ctx, { userId: user.id, kind: 'swap.request', entity: 'swap', adviserId: r.anna });

    const first = await browser.get('/changes/mine');
    expect(first.status).toBe(200);
    expect(changeIds(first.text)).toEqual([own, mine1]);
    expect(changeIds(first.text)).not.toContain(notMine);
    expect(first.text).toContain('data-count="1"');
    expect(first.text).toMatch(new RegExp(`data-change="${mine1}"[^>]*class="new"`));
    expect(first.text).not.toMatch(new RegExp(`data-change="${own}"[^>]*class="new"`));

    clock.set('2027-06-01T08:01:00.000Z');
    const second = await browser.get('/changes/mine');
    expect(second.text).toContain('data-count="0"');
    expect(second.text).not.toContain('class="new"');

    clock.set('2027-06-01T08:02:00.000Z');
    const mine2 = recordChange(t.ctx, { userId: null, kind: 'absence.delete', entity: 'absence', adviserId: r.anna });
    clock.set('2027-06-01T08:03:00.000Z');
    const third = await browser.get('/changes/mine');
    expect(third.text).toContain('data-count="1"');
    expect(third.text).toMatch(new RegExp(`data-change="${mine2}"[^>]*class="new"`));
  });

  it('when the user is not linked to an adviser, then the page says so and lists nothing', async () => {
    const t = makeTestApp();
    const r = region(t);
    recordChange(t.ctx, { userId: null, kind: 'absence.create', entity: 'absence', adviserId: r.anna });
    const { browser } = await loggedIn(t, 'supervisor', { cityId: r.helsinki });
    const res = await browser.get('/changes/mine');
    expect(res.status).toBe(200);
    expect(res.text).toContain('not linked to an adviser');
    expect(changeIds(res.text)).toEqual([]);
  });
});
