import autocannon from 'autocannon';
import { BENCH_PASSWORD, loginCookie, prepareDemoDatabase, startProcess } from './server-process.js';

/**
 * Mixed traffic at 50 connections: week views, calendar feeds, the on-duty API
 * and a write (an absence) in every tenth request. Prints throughput, p50/p99
 * and every kind of error; the target is zero errors.
 */
export async function runLoadBench(seconds = Number(process.env.LOAD_SECONDS ?? 30)): Promise<void> {
  const { path, adminToken } = await prepareDemoDatabase();
  const server = await startProcess('src/server.ts', { DATABASE_PATH: path, SEED_DEMO: 'false', ADMIN_PASSWORD: BENCH_PASSWORD });
  try {
    const cookie = await loginCookie(server.url, 'helsinki.supervisor', BENCH_PASSWORD);
    const api = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const advisers = (await (await fetch(`${server.url}/api/v1/advisers`, { headers: api })).json()) as { id: number }[];
    const feedUrl = (await (
      await fetch(`${server.url}/api/v1/calendar-tokens`, { method: 'POST', headers: api, body: JSON.stringify({ scope: 'city', id: 1 }) })
    ).json()) as { httpsUrl: string };
    const feedPath = new URL(feedUrl.httpsUrl).pathname;
    let n = 0;
    const absence = () => {
      n++;
      const day = String(1 + (n % 28)).padStart(2, '0');
      return JSON.stringify({ adviserId: advisers[n % advisers.length]?.id, from: `2030-02-${day}`, to: `2030-02-${day}`, reason: `load ${n}` });
    };
    const read = [
      { method: 'GET' as const, path: '/roster', headers: { cookie, accept: 'text/html' } },
      { method: 'GET' as const, path: feedPath },
      { method: 'GET' as const, path: '/api/v1/on-duty?service=phone', headers: api },
    ];
    const requests = [
      ...read,
      ...read,
      ...read,
      { method: 'POST' as const, path: '/api/v1/absences', headers: api, setupRequest: (r: autocannon.Request) => ({ ...r, body: absence() }) },
    ];
    const result = await autocannon({ url: server.url, connections: 50, duration: seconds, requests });
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .map(([code, s]) => `${code}: ${(s as { count: number }).count}`)
      .join(', ');
    console.log('\n## Mixed load: 50 connections, %d s (week view, feed, on-duty ×3, then one absence write)', seconds);
    console.log(
      `requests ${result.requests.total}  throughput ${result.requests.average.toFixed(0)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms`,
    );
    console.log(`errors ${result.errors}  timeouts ${result.timeouts}  non-2xx ${result.non2xx}  status codes { ${statuses} }`);
  } finally {
    await server.stop();
  }
}
