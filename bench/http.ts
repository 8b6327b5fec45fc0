import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { BENCH_PASSWORD, loginCookie, prepareDemoDatabase, startProcess } from './server-process.js';

export interface HttpFigures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  bytes: number;
  /** The server process's CPU time per answered request (Linux), in µs: unlike req/s, not skewed by other load on the machine. */
  cpuMicros: number | null;
}

/** User plus system CPU time of a process in ms, from /proc (Linux only). */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100
  } catch {
    return null;
  }
}

export async function measure(name: string, url: string, headers: Record<string, string>, seconds: number, pid?: number): Promise<HttpFigures> {
  const probe = await fetch(url, { headers });
  const bytes = (await probe.arrayBuffer()).byteLength;
  if (!probe.ok) throw new Error(`${name}: ${url} answered ${probe.status}`);
  const before = cpuMs(pid);
  const result = await autocannon({ url, connections: 50, duration: seconds, headers });
  const after = cpuMs(pid);
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytes,
    cpuMicros: before === null || after === null || result.requests.total === 0 ? null : ((after - before) * 1000) / result.requests.total,
  };
}

/**
 * The week view, an adviser's calendar feed and the on-duty API under 50 connections, each
 * beside a bare Express endpoint returning a body of the same size. All
 * servers run at once and the measurements alternate over several rounds, so
 * a slow moment of the machine does not land on one side only; the median
 * round of each target is reported.
 */
export async function runHttpBench(seconds = Number(process.env.BENCH_SECONDS ?? 5), rounds = Number(process.env.BENCH_ROUNDS ?? 3)): Promise<void> {
  const { path, adminToken } = await prepareDemoDatabase();
  const app = await startProcess('src/server.ts', { DATABASE_PATH: path, SEED_DEMO: 'false', ADMIN_PASSWORD: BENCH_PASSWORD });
  const servers = [app];
  try {
    const cookie = await loginCookie(app.url, 'helsinki.supervisor', BENCH_PASSWORD);
    const weekUrl = `${app.url}/roster`;
    const advisers = (await (await fetch(`${app.url}/api/v1/advisers`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { id: number }[];
    const created = await fetch(`${app.url}/api/v1/calendar-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'adviser', id: advisers[0]?.id }),
    });
    const feedUrl = `${app.url}${new URL(((await created.json()) as { httpsUrl: string }).httpsUrl).pathname}`;
    const size = async (url: string, headers: Record<string, string>) => (await (await fetch(url, { headers })).arrayBuffer()).byteLength;
    const onDutyUrl = `${app.url}/api/v1/on-duty?service=phone`;
    const onDutyHeaders = { authorization: `Bearer ${adminToken}`, accept: 'application/json' };
    const weekBytes = await size(weekUrl, { cookie });
    const feedBytes = await size(feedUrl, {});
    const onDutyBytes = await size(onDutyUrl, onDutyHeaders);
    const weekBase = await startProcess('bench/baseline-server.ts', { BODY_BYTES: String(weekBytes), BODY_TYPE: 'text/html; charset=utf-8' });
    const feedBase = await startProcess('bench/baseline-server.ts', { BODY_BYTES: String(feedBytes), BODY_TYPE: 'text/calendar; charset=utf-8' });
    const onDutyBase = await startProcess('bench/baseline-server.ts', { BODY_BYTES: String(onDutyBytes), BODY_TYPE: 'application/json; charset=utf-8' });
    servers.push(weekBase, feedBase, onDutyBase);

    const targets: Array<{ name: string; url: string; headers: Record<string, string>; pid: number | undefined }> = [
      { name: 'week view', url: weekUrl, headers: { cookie, accept: 'text/html' }, pid: app.child.pid },
      { name: 'bare Express, same size as week view', url: `${weekBase.url}/fixed`, headers: {}, pid: weekBase.child.pid },
      { name: 'adviser feed', url: feedUrl, headers: {}, pid: app.child.pid },
      { name: 'bare Express, same size as feed', url: `${feedBase.url}/fixed`, headers: {}, pid: feedBase.child.pid },
      { name: 'on-duty API', url: onDutyUrl, headers: onDutyHeaders, pid: app.child.pid },
      { name: 'bare Express, same size as on-duty', url: `${onDutyBase.url}/fixed`, headers: {}, pid: onDutyBase.child.pid },
    ];
    const results = targets.map(() => [] as HttpFigures[]);
    for (let round = 0; round < rounds; round++) {
      for (const [i, t] of targets.entries()) results[i]?.push(await measure(t.name, t.url, t.headers, seconds, t.pid));
    }
    const median = (list: HttpFigures[]) => [...list].sort((a, b) => a.rps - b.rps)[Math.floor(list.length / 2)] as HttpFigures;
    const [week, weekB, feed, feedB, duty, dutyB] = results.map(median) as [HttpFigures, HttpFigures, HttpFigures, HttpFigures, HttpFigures, HttpFigures];

    const row = (f: HttpFigures) =>
      `${f.name.padEnd(40)} ${f.rps.toFixed(0).padStart(7)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms  ${String(f.bytes).padStart(7)} B  ` +
      `CPU ${f.cpuMicros === null ? '?' : f.cpuMicros.toFixed(0)} µs/req  errors ${f.errors} non-2xx ${f.non2xx}`;
    console.log('\n## HTTP: 50 connections, median of %d alternating rounds of %d s', rounds, seconds);
    for (const f of [week, weekB, feed, feedB, duty, dutyB]) console.log(row(f));
    const ratios = (a: HttpFigures[], b: HttpFigures[]) => a.map((x, i) => (x.rps / (b[i]?.rps ?? 1)).toFixed(2)).join(', ');
    // The CPU ratio (bare Express's CPU per request over ours) is what the
    // throughput ratio would be on an otherwise idle machine.
    const cpuRatio = (a: HttpFigures[], b: HttpFigures[]) => {
      const per = (list: HttpFigures[]) =>
        list
          .map((f) => f.cpuMicros)
          .filter((c): c is number => c !== null)
          .sort((x, y) => x - y);
      const [ours, theirs] = [per(a), per(b)];
      const mid = (l: number[]) => l[Math.floor(l.length / 2)];
      const o = mid(ours);
      const t = mid(theirs);
      return o === undefined || t === undefined ? null : t / o;
    };
    const verdict = (name: string, f: HttpFigures, base: HttpFigures, target: number, i: number) => {
      const ratio = f.rps / base.rps;
      const cpu = cpuRatio(results[i] ?? [], results[i + 1] ?? []);
      const ok = ratio >= target && f.p99 < 25;
      console.log(
        `${name.padEnd(14)} ${ratio.toFixed(2)} of bare Express (target ≥ ${target}), by CPU per request ${cpu === null ? '?' : cpu.toFixed(2)}, ` +
          `p99 ${f.p99} ms (target < 25) ${ok ? 'ok' : 'MISSED'}; rounds: ${ratios(results[i] ?? [], results[i + 1] ?? [])}`,
      );
    };
    verdict('week view', week, weekB, 0.7, 0);
    verdict('adviser feed', feed, feedB, 0.8, 2);
    verdict('on-duty API', duty, dutyB, 0.8, 4);
  } finally {
    for (const s of servers) await s.stop();
  }
}
