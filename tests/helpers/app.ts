import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig, type AppConfig } from '../../src/config.js';
import { createContext, type AppContext, type Clock } from '../../src/context.js';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { createApiToken } from '../../src/features/auth/rules.js';
import type { Role } from '../../src/http/types.js';

export interface TestApp {
  app: Express;
  db: Db;
  ctx: AppContext;
  config: AppConfig;
}

const silent = { info: () => {}, error: (m: string, e?: unknown) => console.error(m, e) };

/** A fresh in-memory database, migrated, and an app on it. */
export function makeTestApp(options: { config?: Partial<AppConfig>; clock?: Clock; db?: Db } = {}): TestApp {
  const db = options.db ?? openDatabase(':memory:');
  migrate(db);
  const config = testConfig(options.config);
  const deps = { db, config, log: silent, ...(options.clock ? { clock: options.clock } : {}) };
  const app = createApp(deps);
  return { app, db, ctx: createContext(deps), config };
}

export const PASSWORD = 'correct horse battery staple';

let userSeq = 0;
/** Creates a user directly in the database; returns its id and name. */
export async function makeUser(
  t: TestApp,
  role: Role,
  opts: { cityId?: number; adviserId?: number; username?: string; language?: 'fi' | 'sv' | 'en' } = {},
): Promise<{ id: number; username: string }> {
  const username = opts.username ?? `${role}${++userSeq}`;
  const id = t.ctx.repos.users.insert({
    username,
    displayName: `Test ${username}`,
    passwordHash: await t.ctx.hasher.hash(PASSWORD),
    role,
    cityId: opts.cityId ?? null,
    adviserId: opts.adviserId ?? null,
    language: opts.language ?? 'en',
  });
  return { id, username };
}

export function apiToken(t: TestApp, userId: number): string {
  return createApiToken(t.ctx, userId, 'test').token;
}

/**
 * A cookie-keeping client. Written by hand because superagent's agent will not
 * send our Secure (__Host-) cookie over the plain-http test server.
 */
export class Browser {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly app: Express) {}

  private remember(res: request.Response): request.Response {
    const setCookie = res.headers['set-cookie'] as unknown as string[] | undefined;
    for (const line of setCookie ?? []) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text ?? '');
    if (token?.[1]) this.csrf = token[1];
    return res;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<request.Response> {
    return this.remember(
      await request(this.app)
        .get(url)
        .set({ Cookie: this.cookieHeader(), Accept: 'text/html', ...headers }),
    );
  }

  /** Posts a form with the current CSRF token (fetching a page first if there is none). */
  async post(url: string, form: Record<string, string | string[]> = {}, headers: Record<string, string> = {}): Promise<request.Response> {
    if (!this.csrf) await this.get('/login');
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: this.csrf, ...form })) {
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    const res = await request(this.app)
      .post(url)
      .type('form')
      .set({ Cookie: this.cookieHeader(), Accept: 'text/html', ...headers })
      .send(body.toString());
    return this.remember(res);
  }

  async login(username: string, password = PASSWORD): Promise<request.Response> {
    await this.get('/login');
    const res = await this.post('/login', { username, password });
    await this.get('/');
    return res;
  }
}

export async function loggedIn(
  t: TestApp,
  role: Role,
  opts: Parameters<typeof makeUser>[2] = {},
): Promise<{ browser: Browser; user: { id: number; username: string } }> {
  const user = await makeUser(t, role, opts);
  const browser = new Browser(t.app);
  const res = await browser.login(user.username);
  if (res.status !== 303) throw new Error(`login failed for ${user.username}: ${res.status}`);
  return { browser, user };
}
