import request from 'supertest';
import type { Role } from '../src/http/types.js';
import { apiToken, loggedIn, makeUser, type TestApp } from './helpers/app.js';
import { makeAdviser, makeCity } from './helpers/factories.js';

type Lang = 'fi' | 'sv' | 'en';

/** The links a role needs: a supervisor a city, an adviser an adviser record. */
function linksFor(t: TestApp, role: Role, cityId?: number): { cityId?: number; adviserId?: number } {
  if (role === 'admin') return {};
  const city = cityId ?? makeCity(t.db);
  return role === 'supervisor' ? { cityId: city } : { adviserId: makeAdviser(t.db, city) };
}

/** A logged-in browser for any role, with the city or adviser the role needs. */
export async function browserAs(t: TestApp, role: Role, o: { cityId?: number; language?: Lang } = {}) {
  return loggedIn(t, role, { ...linksFor(t, role, o.cityId), ...(o.language ? { language: o.language } : {}) });
}

/** An API client with a bearer token for any role. */
export async function apiAs(t: TestApp, role: Role, o: { cityId?: number; language?: Lang } = {}) {
  const user = await makeUser(t, role, { ...linksFor(t, role, o.cityId), ...(o.language ? { language: o.language } : {}) });
  const auth = { Authorization: `Bearer ${apiToken(t, user.id)}` };
  return {
    user,
    get: (url: string) => request(t.app).get(url).set(auth),
    post: (url: string, body: object) => request(t.app).post(url).set(auth).send(body),
    patch: (url: string, body: object, headers: Record<string, string> = {}) =>
      request(t.app)
        .patch(url)
        .set({ ...auth, ...headers })
        .send(body),
    put: (url: string, body: object, headers: Record<string, string> = {}) =>
      request(t.app)
        .put(url)
        .set({ ...auth, ...headers })
        .send(body),
    delete: (url: string) => request(t.app).delete(url).set(auth),
  };
}

export const EVIL = '<script>alert(1)</script>';
export const EVIL_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
export const SQL = "'; DROP TABLE cities; --";
/** How EJS escapes the SQL string in HTML. */
export const SQL_ESCAPED = '&#39;; DROP TABLE cities; --';

export const countRows = (t: TestApp, table: 'cities' | 'services' | 'shares' | 'closures' | 'turn_templates' | 'share_proposals') =>
  (t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
