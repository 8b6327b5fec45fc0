import type { Clock } from '../src/context.js';
import { makeTestApp, type TestApp } from './helpers/app.js';
import { makeAdviser, makeRegion, makeTurn } from './helpers/factories.js';

// Shared data for the roster view, home, on-duty and CSV tests. Instants are
// written out in UTC on purpose, so the tests do not reuse the code's own
// time conversion: Helsinki is UTC+2 until 2027-03-28 03:00 and UTC+3 after.

/** Wednesday 2027-03-24, 10:30 in Helsinki. */
export const NOW = new Date('2027-03-24T08:30:00Z');
export const fixedClock = (at: Date = NOW): Clock => ({ now: () => at });

export function rosterApp(at: Date = NOW) {
  const t = makeTestApp({ clock: fixedClock(at) });
  return { t, ...rosterData(t) };
}

export function rosterData(t: TestApp) {
  const { db } = t;
  const region = makeRegion(db);
  const { helsinki, espoo, vantaa } = region.cities;
  const { phone, email } = region.services;
  const anna = makeAdviser(db, helsinki, { name: 'Anna Aalto' });
  const aino = makeAdviser(db, helsinki, { name: 'Aino Ahonen' });
  const bertil = makeAdviser(db, espoo, { name: 'Bertil Berg' });
  const cecilia = makeAdviser(db, vantaa, { name: 'Cecilia Corte' });
  const turns = {
    // Wednesday 09–12, Helsinki, fully staffed, running at NOW.
    phoneMorning: makeTurn(db, {
      serviceId: phone,
      date: '2027-03-24',
      startAt: '2027-03-24T07:00:00Z',
      endAt: '2027-03-24T10:00:00Z',
      cityId: helsinki,
      status: 'published',
      headcount: 2,
      language: 'sv',
      adviserIds: [anna, aino],
    }),
    // Wednesday 12–16, Espoo, one of two seats open.
    phoneAfternoon: makeTurn(db, {
      serviceId: phone,
      date: '2027-03-24',
      startAt: '2027-03-24T10:00:00Z',
      endAt: '2027-03-24T14:00:00Z',
      cityId: espoo,
      status: 'published',
      headcount: 2,
      adviserIds: [bertil],
    }),
    // Thursday 08–16, Vantaa, still a draft.
    emailDraft: makeTurn(db, {
      serviceId: email,
      date: '2027-03-25',
      startAt: '2027-03-25T06:00:00Z',
      endAt: '2027-03-25T14:00:00Z',
      cityId: vantaa,
      status: 'draft',
      adviserIds: [cecilia],
    }),
    // Monday 22.3. 09–12, Anna's recent turn.
    phoneMonday: makeTurn(db, {
      serviceId: phone,
      date: '2027-03-22',
      startAt: '2027-03-22T07:00:00Z',
      endAt: '2027-03-22T10:00:00Z',
      cityId: helsinki,
      status: 'published',
      headcount: 2,
      adviserIds: [anna, bertil],
    }),
  };
  return { region, advisers: { anna, aino, bertil, cecilia }, turns };
}
