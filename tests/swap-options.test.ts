import { describe, expect, it } from 'vitest';
import { loggedIn } from './helpers/app.js';
import { makeAbsence, makeTurn } from './helpers/factories.js';
import { api, FROM, staffOf, TO, tokenFor, workflowApp } from './workflow.helpers.js';

interface Option {
  targetId: number;
  otherTurnId: number | null;
  start: string;
  end: string;
  service: string;
}

/** A small deterministic generator, so each seed is a different but repeatable roster. */
function rng(seed: number) {
  let x = (seed * 2654435761) % 2 ** 32 || 1;
  return () => (x = (x * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
}

async function seededRoster(seed: number) {
  const w = workflowApp(4);
  const random = rng(seed);
  // Tighter weekly maxima on some advisers, so that some gives would break the weekly rule.
  for (const id of Object.values(w.advisers).flat()) {
    w.t.db.prepare('UPDATE advisers SET max_hours_per_week = ? WHERE id = ?').run([8, 12, 20, 30][Math.floor(random() * 4)], id);
  }
  const admin = api(w.t, await tokenFor(w.t, 'admin'));
  expect((await admin.post('/api/v1/rosters/generate', { from: FROM, to: TO })).status).toBe(200);
  const published = await admin.post('/api/v1/rosters/publish', { from: FROM, to: TO });
  expect(published.status).toBe(200);
  // Absences entered after publishing: colleagues who may not take a turn on those days.
  for (const id of Object.values(w.advisers).flat()) {
    if (random() < 0.3) {
      const day = 3 + Math.floor(random() * 5);
      makeAbsence(w.t.db, id, `2027-05-0${day}`, `2027-05-0${Math.min(9, day + 1)}`);
    }
  }
  return w;
}

function turnsOfAdviser(w: ReturnType<typeof workflowApp>, adviserId: number): number[] {
  return (
    w.t.db
      .prepare("SELECT t.id FROM turns t JOIN assignments a ON a.turn_id = t.id WHERE a.adviser_id = ? AND t.status = 'published' ORDER BY t.start_at")
      .all(adviserId) as Array<{ id: number }>
  ).map((r) => r.id);
}

describe('swap options', () => {
  it('when several seeded rosters are asked for options, then every offered option is accepted with 201 and every colleague left out is refused', async () => {
    let offered = 0;
    let refusedGives = 0;
    for (const seed of [1, 2, 3]) {
      const w = await seededRoster(seed);
      for (const adviserId of w.advisers.vantaa) {
        const me = api(w.t, await tokenFor(w.t, 'adviser', { adviserId }));
        for (const turnId of turnsOfAdviser(w, adviserId).slice(0, 2)) {
          const res = await me.get(`/api/v1/turns/${turnId}/swap-options`);
          expect(res.status).toBe(200);
          const options = res.body as Option[];
          for (const o of options) {
            expect(o).toEqual({
              targetId: expect.any(Number),
              otherTurnId: o.otherTurnId === null ? null : expect.any(Number),
              start: expect.stringMatching(/Z$/),
              end: expect.stringMatching(/Z$/),
              service: expect.stringMatching(/^(phone|email|change_security)$/),
            });
            const asked = await me.post('/api/v1/swaps', { turnId, targetId: o.targetId, otherTurnId: o.otherTurnId });
            expect(asked.status, `seed ${seed} option ${JSON.stringify(o)}: ${JSON.stringify(asked.body)}`).toBe(201);
            expect((await me.post(`/api/v1/swaps/${asked.body.id}/cancel`, { version: 1 })).status).toBe(200);
            offered++;
          }
          // The other direction: a colleague of the city not offered as a give is refused when asked anyway.
          const gives = new Set(options.filter((o) => o.otherTurnId === null).map((o) => o.targetId));
          for (const colleague of w.advisers.vantaa) {
            if (colleague === adviserId || gives.has(colleague) || staffOf(w.t, turnId).includes(colleague)) continue;
            const asked = await me.post('/api/v1/swaps', { turnId, targetId: colleague, otherTurnId: null });
            expect(asked.status, `seed ${seed}: colleague ${colleague} left out but accepted`).toBeGreaterThanOrEqual(400);
            refusedGives++;
          }
        }
      }
    }
    expect(offered).toBeGreaterThan(5);
    expect(refusedGives).toBeGreaterThan(0);
  }, 120_000);

  it('when the colleague becomes absent after the options were read, then the same request answers 422 with the reason', async () => {
    const w = workflowApp(3);
    const [mine, other] = w.advisers.vantaa as [number, number];
    const day = '2027-05-04';
    const turn = makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: day,
      startAt: `${day}T05:00:00Z`,
      endAt: `${day}T13:00:00Z`,
      cityId: w.cities.vantaa,
      status: 'published',
      adviserIds: [mine],
    });
    const me = api(w.t, await tokenFor(w.t, 'adviser', { adviserId: mine }));
    const options = (await me.get(`/api/v1/turns/${turn}/swap-options`)).body as Option[];
    const give = options.find((o) => o.targetId === other && o.otherTurnId === null);
    expect(give).toEqual({ targetId: other, otherTurnId: null, start: `${day}T05:00:00Z`, end: `${day}T13:00:00Z`, service: 'email' });
    makeAbsence(w.t.db, other, day, day);
    const asked = await me.post('/api/v1/swaps', { turnId: turn, targetId: other, otherTurnId: null });
    expect(asked.status).toBe(422);
    expect(JSON.stringify(asked.body.error.details)).toContain('absent');
    expect(((await me.get(`/api/v1/turns/${turn}/swap-options`)).body as Option[]).some((o) => o.targetId === other)).toBe(false);
  });

  it('when a request is already pending on the turn, then no options are offered and a second request answers 409', async () => {
    const w = workflowApp(3);
    const [mine, a, b] = w.advisers.vantaa as [number, number, number];
    const day = '2027-05-04';
    const turn = makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: day,
      startAt: `${day}T05:00:00Z`,
      endAt: `${day}T13:00:00Z`,
      cityId: w.cities.vantaa,
      status: 'published',
      adviserIds: [mine],
    });
    const me = api(w.t, await tokenFor(w.t, 'adviser', { adviserId: mine }));
    expect((await me.post('/api/v1/swaps', { turnId: turn, targetId: a, otherTurnId: null })).status).toBe(201);
    expect((await me.get(`/api/v1/turns/${turn}/swap-options`)).body).toEqual([]);
    expect((await me.post('/api/v1/swaps', { turnId: turn, targetId: b, otherTurnId: null })).status).toBe(409);
  });

  it('when someone asks for options of a turn that is not theirs, then 403', async () => {
    const w = workflowApp(3);
    const [mine, other] = w.advisers.vantaa as [number, number];
    const turn = makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: '2027-05-04',
      startAt: '2027-05-04T05:00:00Z',
      endAt: '2027-05-04T13:00:00Z',
      cityId: w.cities.vantaa,
      status: 'published',
      adviserIds: [mine],
    });
    const them = api(w.t, await tokenFor(w.t, 'adviser', { adviserId: other }));
    expect((await them.get(`/api/v1/turns/${turn}/swap-options`)).status).toBe(403);
  });

  it('when the swap form sends an option that breaks a rule, then the summary links to the marked field once and the violations are listed once', async () => {
    const w = workflowApp(3);
    const [mine, other] = w.advisers.vantaa as [number, number];
    const day = '2027-05-04';
    const turn = makeTurn(w.t.db, {
      serviceId: w.services.email,
      date: day,
      startAt: `${day}T05:00:00Z`,
      endAt: `${day}T13:00:00Z`,
      cityId: w.cities.vantaa,
      status: 'published',
      adviserIds: [mine],
    });
    const { browser } = await loggedIn(w.t, 'adviser', { adviserId: mine });
    const form = await browser.get(`/requests/swaps/new?turnId=${turn}`);
    expect(form.text).toContain(`value="give:${other}"`);
    makeAbsence(w.t.db, other, day, day);
    const res = await browser.post('/requests/swaps', { turnId: String(turn), offer: `give:${other}`, message: '', action: 'send' });
    expect(res.status).toBe(422);
    const summary = res.text.slice(res.text.indexOf('class="error-summary"'), res.text.indexOf('</div>', res.text.indexOf('class="error-summary"')));
    expect(summary).toContain('href="#f-offer"');
    const message = /<a href="#f-offer">([^<]+)<\/a>/.exec(summary)?.[1] ?? '';
    expect(message.length).toBeGreaterThan(0);
    expect(summary.split(message)).toHaveLength(2);
    expect(res.text).toMatch(/<select id="f-offer"[^>]*aria-invalid="true"/);
    expect(res.text.match(/class="violation-error"/g)).toHaveLength(1);
    // The refused colleague is no longer offered on the re-rendered form.
    expect(res.text).not.toContain(`value="give:${other}"`);
  });
});
