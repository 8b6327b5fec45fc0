import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../src/route-table.js';
import { loggedIn } from './helpers/app.js';
import { makeTurn } from './helpers/factories.js';
import { acceptEveryCity } from './planning.helpers.js';
import { api, tokenFor, workflowApp } from './workflow.helpers.js';

// Unsafe routes that write nothing shared, with the reason they are not in the change log.
const EXEMPT: Record<string, string> = {
  'post /login': 'signing in changes no shared data (sessions have their own table)',
  'post /logout': 'signing out changes no shared data',
  'post /language': 'the visitor’s own display language',
  'post /profile/language': 'the user’s own display language',
  'post /session/keepalive': 'keeps the session alive, changes nothing',
  'post /inbox/read-all': 'marks the user’s own messages read',
  'post /accessibility/feedback': 'anonymous feedback, kept in its own table for the accessibility statement',
  'post /profile/password': 'a password is a secret: its change is not shown to others',
  'post /users/:id/password': 'a password is a secret: its change is not shown to others',
};

describe('the change log covers every unsafe route', () => {
  it('when the route table is walked, then every unsafe route either records changes or is exempt with a reason', () => {
    const w = workflowApp();
    const unsafe = allRoutes(w.t.ctx)
      .filter((r) => r.method !== 'get')
      .map((r) => `${r.method} ${r.path}`);
    expect(unsafe.length).toBeGreaterThan(40);
    for (const [route, reason] of Object.entries(EXEMPT)) {
      expect(reason.length, route).toBeGreaterThan(10);
    }
    // A route not exempt must be one the change log's kinds can describe: its object's type is in the path.
    const undocumented = unsafe
      .filter((r) => !EXEMPT[r])
      .filter(
        (r) =>
          !/(rosters|planning|turns|absences|swaps|city-moves|requests|advisers|services|shares|cities|users|closures|tokens|calendar|accessibility|roster|covers|reminder|webhooks|outbox)/.test(
            r,
          ),
      );
    expect(undocumented).toEqual([]);
  });

  it('when an admin changes shares and adds an adviser, then both are in the log with the actor, in words and without raw keys or JSON', async () => {
    const w = workflowApp();
    const admin = await tokenFor(w.t, 'admin');
    const shares = await api(w.t, admin).post(`/api/v1/services/${w.services.phone}/shares`, {
      validFrom: '2027-06-01',
      shares: { helsinki: 0.4, espoo: 0.3, vantaa: 0.3 },
    });
    expect(shares.status).toBeLessThan(300);
    const created = await api(w.t, admin).post('/api/v1/advisers', {
      name: 'Uusi Neuvoja',
      email: 'uusi@example.fi',
      cityId: w.cities.espoo,
      skills: ['phone'],
      languages: ['fi'],
      maxHoursPerWeek: 20,
    });
    expect(created.status).toBe(201);
    const list = await api(w.t, admin).get('/api/v1/changes');
    expect(list.status).toBe(200);
    const types = list.body.items.map((i: { type: string }) => i.type);
    expect(types).toEqual(expect.arrayContaining(['share.change', 'adviser.create']));
    const adviser = list.body.items.find((i: { type: string }) => i.type === 'adviser.create');
    expect(adviser).toMatchObject({
      actor: { name: expect.stringMatching(/^Test admin/) },
      object: { type: 'adviser', label: 'Uusi Neuvoja' },
      summary: 'Adviser added',
    });
    const share = list.body.items.find((i: { type: string }) => i.type === 'share.change');
    expect(share.object.label).toMatch(/^Phone advisory from /);
    expect(share.after).toContainEqual({ field: 'Shares', value: expect.stringContaining('40 %') });
    const { browser } = await loggedIn(w.t, 'admin');
    const page = await browser.get('/changes');
    expect(page.text).not.toMatch(/<pre>|overrideReason|swapId|"adviserIds"/);
    expect(page.text).toContain('Uusi Neuvoja');
  });

  it('when a supervisor publishes, then the publication names that supervisor and no adviser as its subject, and the API pages newest first', async () => {
    const w = workflowApp();
    makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: '2027-05-03',
      startAt: '2027-05-03T05:00:00Z',
      endAt: '2027-05-03T13:00:00Z',
      cityId: w.cities.helsinki,
      adviserIds: [w.advisers.helsinki[0] as number],
    });
    await acceptEveryCity(w.t, '2027-05-03', '2027-05-09');
    const { browser, user } = await loggedIn(w.t, 'supervisor', { cityId: w.cities.espoo });
    expect((await browser.post('/rosters/publish', { from: '2027-05-03', to: '2027-05-09', overrideReason: '' })).status).toBe(303);
    const row = w.t.db.prepare("SELECT user_id, adviser_id FROM audit_log WHERE kind = 'roster.publish'").get();
    expect(row).toEqual({ user_id: user.id, adviser_id: null });
    const admin = await tokenFor(w.t, 'admin');
    const first = await request(w.t.app).get('/api/v1/changes?type=roster.accept').set('Authorization', `Bearer ${admin}`);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.items[0].id).toBeGreaterThan(first.body.items[2].id);
    expect(first.body.next).toBeNull();
    expect((await request(w.t.app).get('/api/v1/changes?type=BAD').set('Authorization', `Bearer ${admin}`)).status).toBe(400);
  });
});
