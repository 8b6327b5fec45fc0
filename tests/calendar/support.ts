import request from 'supertest';
import { apiToken, makeUser, type TestApp } from '../helpers/app.js';
import { makeAdviser, makeRegion, makeTurn } from '../helpers/factories.js';

export * from './parse.js';

/** A body as supertest gives it for text/calendar: raw bytes. */
export function bodyOf(res: request.Response): Buffer {
  return Buffer.isBuffer(res.body) ? res.body : Buffer.from(res.text ?? '', 'utf8');
}

export async function getFeed(t: TestApp, token: string, headers: Record<string, string> = {}): Promise<request.Response> {
  return request(t.app)
    .get(`/calendar/${token}.ics`)
    .set(headers)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

/** Makes a feed token through the API as an admin. */
export async function feedToken(t: TestApp, scope: 'adviser' | 'city' | 'service', id: number, language?: 'fi' | 'sv' | 'en'): Promise<string> {
  const admin = await makeUser(t, 'admin');
  const res = await request(t.app)
    .post('/api/v1/calendar-tokens')
    .set('Authorization', `Bearer ${apiToken(t, admin.id)}`)
    .send({ scope, id, ...(language ? { language } : {}) });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { token: string }).token;
}

/** A clock fixed at an instant. */
export const fixedClock = (iso: string) => ({ now: () => new Date(iso) });

/** Turns on the days around both 2027 clock changes, 09:00–12:00 Helsinki time. */
export const DST_TURNS = [
  { date: '2027-03-25', startAt: '2027-03-25T07:00:00Z', endAt: '2027-03-25T10:00:00Z' },
  { date: '2027-03-30', startAt: '2027-03-30T06:00:00Z', endAt: '2027-03-30T09:00:00Z' },
  { date: '2027-10-29', startAt: '2027-10-29T06:00:00Z', endAt: '2027-10-29T09:00:00Z' },
  { date: '2027-11-01', startAt: '2027-11-01T07:00:00Z', endAt: '2027-11-01T10:00:00Z' },
];

/** One adviser on the four clock-change turns, published. */
export function dstScenario(t: TestApp) {
  const region = makeRegion(t.db);
  const adviser = makeAdviser(t.db, region.cities.helsinki, { name: 'Åsa Öhman' });
  const turns = DST_TURNS.map((d) =>
    makeTurn(t.db, { serviceId: region.services.email, cityId: region.cities.helsinki, status: 'published', adviserIds: [adviser], ...d }),
  );
  return { region, adviser, turns };
}
