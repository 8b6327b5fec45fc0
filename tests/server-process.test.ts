import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { applyServerTimeouts, SERVER_TIMEOUTS } from '../src/http/lifecycle.js';
import { makeTestApp } from './helpers/app.js';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Running {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>, asUid?: number): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), HOST: '127.0.0.1', SEED_DEMO: 'false', ARGON2_MEMORY_KIB: '1024', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asUid === undefined ? {} : { uid: asUid, gid: asUid }),
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function until(what: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the server process', () => {
  it('when SIGTERM arrives during a request, then new connections are refused, the request is answered, the database is closed and the exit code is 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vuoro-stop-'));
    const path = join(dir, 'vuoro.db');
    const port = await freePort();
    const server = startServer({ DATABASE_PATH: path, PORT: String(port), ADMIN_PASSWORD: 'an admin password 1' });
    try {
      await until(() => server.out().includes('vuoro is serving'));
      // No NODE_ENV given: production.
      expect(server.out()).toContain('production mode');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      // A request in flight: headers and half of the body sent.
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString()));
      await new Promise((resolve) => socket.once('connect', resolve));
      const body = 'username=admin&password=x';
      socket.write(
        `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
      );
      await new Promise((r) => setTimeout(r, 200));

      server.child.kill('SIGTERM');
      await until(() => server.out().includes('SIGTERM'));
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

      socket.write(body.slice(10));
      await until(() => answer.includes('\r\n\r\n'));
      expect(answer).toMatch(/^HTTP\/1\.1 403 /);
      expect(answer).not.toMatch(/ at |node_modules/);
      expect(await server.exited).toBe(0);
      expect(server.out()).toContain('Stopped');
      // The last connection closed cleanly: SQLite checkpointed and removed the WAL.
      expect(existsSync(`${path}-wal`)).toBe(false);
      const check = new Database(path, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  it('when the database file cannot be written, then start-up refuses with a message naming the file and no stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vuoro-ro-'));
    const path = join(dir, 'vuoro.db');
    const db = openDatabase(path);
    migrate(db);
    db.close();
    chmodSync(path, 0o444);
    chmodSync(dir, 0o755);
    // root writes anything: run the server as nobody, as a service account would be.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const server = startServer({ DATABASE_PATH: path, PORT: String(await freePort()), ADMIN_PASSWORD: 'an admin password 1' }, uid);
    expect(await server.exited).toBe(1);
    expect(server.err()).toContain(path);
    expect(server.err()).toMatch(/cannot be (written|opened for writing)/);
    expect(server.err()).not.toMatch(/\n\s+at /);
    expect(server.out()).not.toContain('vuoro is serving');
  }, 60_000);
});

describe('server timeouts', () => {
  it('when the server is set up, then slow headers and requests are bounded and idle keep-alive outlives a 60 s proxy timeout', () => {
    const server = createHttpServer();
    applyServerTimeouts(server);
    expect(server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeout);
    expect(server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeout);
    expect(server.keepAliveTimeout).toBeGreaterThan(60_000);
    expect(server.headersTimeout).toBeLessThanOrEqual(server.requestTimeout);
  });
});

describe('/healthz', () => {
  it('when the database cannot be written, then /healthz answers 503; a writable one answers 200 and nothing is written', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vuoro-health-')), 'vuoro.db');
    const db = openDatabase(path);
    migrate(db);
    const ok = makeTestApp({ db });
    const before = db.prepare('SELECT total_changes() AS n').get();
    expect((await request(ok.app).get('/healthz')).status).toBe(200);
    expect(db.prepare('SELECT total_changes() AS n').get()).toEqual(before);

    const readOnly = new Database(path, { readonly: true });
    readOnly.pragma('foreign_keys = ON');
    const t = makeTestApp({ db: readOnly });
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', database: 'unwritable' });
    readOnly.close();
    db.close();
  });
});
