import { measure, type HttpFigures } from './http.js';
import { BENCH_PASSWORD, loginCookie, prepareDemoDatabase, startProcess } from './server-process.js';

/**
 * An adviser's home page and My month under 50 connections, each beside a
 * bare Express endpoint returning a body of the same size; alternating
 * rounds, the median reported (as in http.ts). Target: each ≥ 50 %.
 */
export async function runAdviserBench(seconds = Number(process.env.BENCH_SECONDS ?? 5), rounds = Number(process.env.BENCH_ROUNDS ?? 3)): Promise<void> {
  const { path } = await prepareDemoDatabase();
  const app = await startProcess('src/server.ts', { DATABASE_PATH: path, SEED_DEMO: 'false', ADMIN_PASSWORD: BENCH_PASSWORD });
  const servers = [app];
  try {
    const cookie = await loginCookie(app.url, 'vantaa.adviser1', BENCH_PASSWORD);
    const pages = [
      { name: 'adviser home', url: `${app.url}/` },
      { name: 'adviser my month', url: `${app.url}/roster/mine/month` },
    ];
    const targets: Array<{ name: string; url: string; headers: Record<string, string> }> = [];
    for (const p of pages) {
      const res = await fetch(p.url, { headers: { cookie } });
      if (!res.ok) throw new Error(`${p.name}: ${res.status}`);
      const bytes = (await res.arrayBuffer()).byteLength;
      const base = await startProcess('bench/baseline-server.ts', { BODY_BYTES: String(bytes), BODY_TYPE: 'text/html; charset=utf-8' });
      servers.push(base);
      targets.push(
        { name: p.name, url: p.url, headers: { cookie, accept: 'text/html' } },
        { name: `bare Express, same size as ${p.name.replace('adviser ', '')}`, url: `${base.url}/fixed`, headers: {} },
      );
    }
    const results = targets.map(() => [] as HttpFigures[]);
    for (let round = 0; round < rounds; round++) {
      for (const [i, t] of targets.entries()) results[i]?.push(await measure(t.name, t.url, t.headers, seconds));
    }
    const median = (list: HttpFigures[]) => [...list].sort((a, b) => a.rps - b.rps)[Math.floor(list.length / 2)] as HttpFigures;
    const figures = results.map(median);
    const row = (f: HttpFigures) =>
      `${f.name.padEnd(40)} ${f.rps.toFixed(0).padStart(7)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms  ${String(f.bytes).padStart(7)} B  errors ${f.errors} non-2xx ${f.non2xx}`;
    console.log('\n## Adviser pages: 50 connections, median of %d alternating rounds of %d s', rounds, seconds);
    for (const f of figures) console.log(row(f));
    for (let i = 0; i < figures.length; i += 2) {
      const [page, base] = [figures[i], figures[i + 1]] as [HttpFigures, HttpFigures];
      console.log(`${page.name} at ${((page.rps / base.rps) * 100).toFixed(0)} % of baseline (target ≥ 50 %)`);
    }
  } finally {
    for (const s of servers) await s.stop();
  }
}
