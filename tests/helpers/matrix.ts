import request from 'supertest';
import type { RouteDef } from '../../src/http/routes.js';
import type { Role } from '../../src/http/types.js';
import { apiToken, loggedIn, type Browser, type TestApp } from './app.js';
import { makeAdviser, makeCity } from './factories.js';

export type Actor = 'anonymous' | Role;
export const ACTORS: Actor[] = ['anonymous', 'admin', 'supervisor', 'adviser'];

export interface Session {
  browser: Browser | null;
  token: string | null;
}

/** One logged-in browser and one API token per role, on one test app. */
export async function sessionsFor(t: TestApp): Promise<Record<Actor, Session>> {
  const cityId = makeCity(t.db);
  const adviserId = makeAdviser(t.db, cityId);
  const out = { anonymous: { browser: null, token: null } } as Record<Actor, Session>;
  for (const role of ['admin', 'supervisor', 'adviser'] as const) {
    const { browser, user } = await loggedIn(t, role, role === 'supervisor' ? { cityId } : role === 'adviser' ? { adviserId } : {});
    out[role] = { browser, token: apiToken(t, user.id) };
  }
  return out;
}

/** A concrete path for a route pattern: every :param becomes a value that names nothing. */
export function concretePath(path: string, value = '999999'): string {
  return path.replace(/:(\w+)(\([^)]*\))?/g, (_m, name: string) => (name === 'token' ? 'x'.repeat(43) : value)).replace(/\{(\w+)\}/g, value);
}

/** Sends a request as an actor: API routes with its bearer token, pages with its browser session. */
export async function send(t: TestApp, s: Session, r: RouteDef, path: string, body: unknown): Promise<request.Response> {
  const isApi = path.startsWith('/api/');
  if (isApi || !s.browser) {
    const agent = request(t.app);
    const req = agent[r.method](path).set('Accept', isApi ? 'application/json' : 'text/html');
    if (isApi && s.token) req.set('Authorization', `Bearer ${s.token}`);
    if (r.method === 'get' || r.method === 'delete') return req;
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return raw === undefined ? req : req.set('Content-Type', 'application/json').send(raw);
  }
  if (r.method === 'get') return s.browser.get(path);
  const form: Record<string, string> = {};
  if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) form[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return s.browser.post(path, form);
}

/**
 * Every table's rows, to prove a rejected request wrote nothing. Sessions and
 * token use stamps change on reads; sign-in counters change on purpose when a
 * login is refused.
 */
export function snapshot(t: TestApp): string {
  const tables = t.db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((r) => r.name)
    .filter((n) => !['sessions', 'api_tokens', 'change_views', 'user_seen', 'login_throttle', 'login_known_addresses'].includes(n));
  // Table names come from sqlite_master, not from input.
  return JSON.stringify(
    tables.map((n) => [
      n,
      t.db
        .prepare(`SELECT * FROM "${n}"`)
        .all()
        .map((row) => JSON.stringify(row))
        .sort(),
    ]),
  );
}
