import autocannon from 'autocannon';
import { BENCH_PASSWORD, loginCookie, prepareDemoDatabase, startProcess } from './server-process.js';

export interface HttpFigures { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number; bytes: number }

export async function measure(name: string, url: string, headers: Record<string, string>, seconds: number): Promise<HttpFigures> {
  const probe = await fetch(url, { headers });
  const bytes = (await probe.arrayBuffer()).byteLength;
  if (!probe.ok) throw new Error(`${name}: ${url} answered ${probe.status}`);
  const result = await autocannon({ url, connections: 50, duration: seconds, headers });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytes,
  };
}

async function baseline(name: string, bytes: number, type: string, seconds: number): Promise<HttpFigures> {
  const server = await startProcess('bench/baseline-server.ts', { BODY_BYTES: String(bytes), BODY_TYPE: type });
  try {
    return await measure(name, `${server.url}/fixed`, {}, seconds);
  } finally {
    await server.stop();
  }
}

/**
 * The week view and an adviser's calendar feed under 50 connections, each
 * beside a bare Express endpoint returning a body of the same size.
 */
export async function runHttpBench(seconds = Number(process.env.BENCH_SECONDS ?? 10)): Promise<void> {
  const { path, adminToken } = await prepareDemoDatabase();
  const server = await startProcess('src/server.ts', { DATABASE_PATH: path, SEED_DEMO: 'false', ADMIN_PASSWORD: BENCH_PASSWORD });
  let week: HttpFigures;
  let feed: HttpFigures;
  try {
    const cookie = await loginCookie(server.url, 'helsinki.supervisor', BENCH_PASSWORD);
    week = await measure('week view', `${server.url}/roster`, { cookie, accept: 'text/html' }, seconds);
    const advisers = (await (await fetch(`${server.url}/api/v1/advisers`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { id: number }[];
    const created = await fetch(`${server.url}/api/v1/calendar-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'adviser', id: advisers[0]?.id }),
    });
    const { httpsUrl } = (await created.json()) as { httpsUrl: string };
    const feedPath = new URL(httpsUrl).pathname;
    feed = await measure('adviser feed', `${server.url}${feedPath}`, {}, seconds);
  } finally {
    await server.stop();
  }
  const weekBase = await baseline('bare Express, same size as week view', week.bytes, 'text/html; charset=utf-8', seconds);
  const feedBase = await baseline('bare Express, same size as feed', feed.bytes, 'text/calendar; charset=utf-8', seconds);

  const row = (f: HttpFigures) =>
    `${f.name.padEnd(40)} ${f.rps.toFixed(0).padStart(7)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms  ${String(f.bytes).padStart(7)} B  errors ${f.errors} non-2xx ${f.non2xx}`;
  console.log('\n## HTTP: 50 connections, %d s each', seconds);
  for (const f of [week, weekBase, feed, feedBase]) console.log(row(f));
  console.log(`week view at ${((week.rps / weekBase.rps) * 100).toFixed(0)} % of baseline (target ≥ 50 %)`);
  console.log(`adviser feed at ${((feed.rps / feedBase.rps) * 100).toFixed(0)} % of baseline (target ≥ 70 %)`);
}
