import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAdmin, resolveSessionSecret } from '../src/bootstrap.js';
import { testConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { openDatabase } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { createApiToken } from '../src/features/auth/rules.js';
import { seedDemoIfEmpty } from '../src/seed/demo.js';

export const BENCH_PASSWORD = 'bench-password-123';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A demo database prepared in this process: seeded, with an admin API token. */
export async function prepareDemoDatabase(): Promise<{ path: string; adminToken: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'vuoro-bench-')), 'bench.db');
  const db = openDatabase(path);
  migrate(db);
  const config = { ...testConfig({ argon2MemoryKib: 19456 }), sessionSecret: resolveSessionSecret(db, undefined) };
  const ctx = createContext({ db, config, log: { info: () => {}, error: (m, e) => console.error(m, e) } });
  await ensureAdmin(ctx, BENCH_PASSWORD);
  await seedDemoIfEmpty(ctx, BENCH_PASSWORD);
  const admin = ctx.repos.users.byUsername('admin');
  const { token } = createApiToken(ctx, admin?.id ?? 0, 'bench');
  db.close();
  return { path, adminToken: token };
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a script (the real server, or the bare baseline) as its own process and waits for it to listen. */
export async function startProcess(script: string, env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', BASE_URL: `http://localhost:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Logs in through the real form and returns the session cookie. */
export async function loginCookie(url: string, username: string, password: string): Promise<string> {
  const page = await fetch(`${url}/login`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: url.replace('127.0.0.1', 'localhost') },
    body: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
  });
  if (res.status !== 303) throw new Error(`bench login failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
