import { solve } from '../src/rotation/engine.js';
import { fairnessOf } from '../src/rotation/fairness.js';
import { absenceIndex, activeOn } from '../src/rotation/hard-rules.js';
import type { EngineInput, RosterTurn } from '../src/rotation/types.js';
import { validateRoster } from '../src/rotation/validator.js';
import { naiveRoster } from './naive.js';
import { demoScenario } from './scenario.js';

interface Figures {
  name: string;
  ms: number;
  peakRssMb: number;
  turns: number;
  open: number;
  hard: number;
  warnings: number;
  prefix: Record<string, number>;
  spread: Record<string, number>;
}

const YEAR = { from: '2027-01-01', to: '2027-12-31' };

function quarterOf(date: string): string {
  return `Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Per service, the largest per-quarter max − min of (turns − fair share by capacity) among a city's fully available advisers. */
function loadSpread(input: EngineInput, turns: readonly RosterTurn[]): Record<string, number> {
  const absent = absenceIndex(input.absences, input);
  const out: Record<string, number> = {};
  for (const service of input.services) {
    let worst = 0;
    for (const city of input.cities) {
      for (const q of ['Q1', 'Q2', 'Q3', 'Q4']) {
        const list = turns.filter((t) => t.serviceId === service.id && t.cityId === city.id && quarterOf(t.date) === q);
        const dates = [...new Set(list.map((t) => t.date))];
        const pool = input.advisers.filter(
          (a) => a.cityId === city.id && a.skills.has(service.id) && dates.every((d) => activeOn(a, d) && !absent.get(a.id)?.has(d)),
        );
        if (pool.length < 2) continue;
        const count = new Map<number, number>();
        for (const t of list) for (const a of t.assignments) count.set(a.adviserId, (count.get(a.adviserId) ?? 0) + 1);
        const total = pool.reduce((s, a) => s + (count.get(a.id) ?? 0), 0);
        const capacity = pool.reduce((s, a) => s + a.maxHoursPerWeek, 0);
        const loads = pool.map((a) => (count.get(a.id) ?? 0) - (total * a.maxHoursPerWeek) / capacity);
        worst = Math.max(worst, Math.max(...loads) - Math.min(...loads));
      }
    }
    out[service.code] = worst;
  }
  return out;
}

function measure(name: string, input: EngineInput, run: (i: EngineInput) => RosterTurn[]): Figures {
  const t0 = performance.now();
  const turns = run(input);
  const ms = performance.now() - t0;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const violations = validateRoster({ turns, context: [], advisers: input.advisers, absences: input.absences, closedDates: input.closedDates });
  const prefix: Record<string, number> = {};
  for (const s of input.services) {
    const report = fairnessOf(s.id, s.rotationUnit, turns, input.cities, input.shares, input.advisers);
    prefix[s.code] = Math.max(...report.cities.map((c) => c.maxPrefixDeviationTurns));
  }
  return {
    name,
    ms,
    peakRssMb,
    turns: turns.length,
    open: turns.filter((t) => t.assignments.length < t.headcount).length,
    hard: violations.filter((v) => v.severity === 'error' && v.code !== 'understaffed').length,
    warnings: violations.filter((v) => v.severity === 'warning').length,
    prefix,
    spread: loadSpread(input, turns),
  };
}

const fmt = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');

/** One year for the demo region and for ten times its size, engine against naive round robin. */
export async function runEngineBench(): Promise<void> {
  // Warm the JIT and the zone cache on another year so the timings are of steady-state code.
  solve(demoScenario('2026-01-01', '2026-03-31'));
  const rows: Figures[] = [];
  for (const [label, scale] of [
    ['demo', 1],
    ['10×', 10],
  ] as const) {
    const input = demoScenario(YEAR.from, YEAR.to, scale);
    rows.push(measure(`engine, ${label} (${input.advisers.length} advisers)`, input, (i) => solve(i).turns));
    rows.push(measure(`naive round robin, ${label}`, input, naiveRoster));
  }
  console.log('\n## Rotation engine: one year (2027), shares 50/25/25');
  console.log('prefix = max deviation from the quota in rotation units (target ≤ 0.75); spread = max per-quarter load max−min in turns (goal ≤ 1)');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(34)} ${r.ms.toFixed(0).padStart(6)} ms  peak RSS ${r.peakRssMb.toFixed(0)} MB  turns ${r.turns}  open ${r.open}  hard violations ${r.hard}  warnings ${r.warnings}`,
    );
    console.log(`${''.padEnd(34)} prefix: ${fmt(r.prefix)} | spread: ${fmt(r.spread)}`);
  }
  const [demo, , big] = rows;
  if (demo && big) {
    const ok =
      demo.ms < 200 &&
      big.ms < 2000 &&
      demo.hard === 0 &&
      big.hard === 0 &&
      [...Object.values(demo.prefix), ...Object.values(big.prefix)].every((p) => p <= 0.75 + 1e-9);
    console.log(`targets (demo < 200 ms, 10× < 2 s, 0 hard violations, prefix ≤ 0.75): ${ok ? 'met' : 'NOT met'}`);
  }
}
