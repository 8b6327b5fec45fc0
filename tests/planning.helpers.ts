import request from 'supertest';
import { apiToken, makeUser, type TestApp } from './helpers/app.js';

/**
 * Each city's own supervisor accepts the city's part of from..to over the API,
 * as publishing by a supervisor requires since issue 14. Returns the codes accepted.
 */
export async function acceptEveryCity(t: TestApp, from: string, to: string): Promise<string[]> {
  const cities = t.db.prepare('SELECT id, code FROM cities ORDER BY id').all() as Array<{ id: number; code: string }>;
  for (const c of cities) {
    const supervisor = await makeUser(t, 'supervisor', { cityId: c.id });
    const res = await request(t.app)
      .post('/api/v1/rosters/accept')
      .set('Authorization', `Bearer ${apiToken(t, supervisor.id)}`)
      .send({ from, to, city: c.code });
    if (res.status !== 200) throw new Error(`accepting ${c.code} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return cities.map((c) => c.code);
}
