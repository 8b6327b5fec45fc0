import { absenceIndex, activeOn, EPS_HOURS, longestRest, mergeBlocks, REST_MS, speaks } from './hard-rules.js';
import type { AbsenceSpec, AdviserSpec, RosterTurn } from './types.js';
import { softViolations } from './validator-soft.js';
import { sortViolations, violation, type Violation } from './violations.js';

// Deliberately independent of the solver (no import from engine, staffing or
// improve): it checks any roster, including one edited by hand, from scratch.

export interface ValidationInput {
  /** The roster to check: violations are reported on these turns only. */
  turns: readonly RosterTurn[];
  /** Neighbouring turns (outside the range) whose assignments still bind. */
  context: readonly RosterTurn[];
  advisers: readonly AdviserSpec[];
  absences: readonly AbsenceSpec[];
  closedDates: ReadonlySet<string>;
  /** Whether to add the soft goals as warnings (default true). */
  warnings?: boolean;
}

interface Placed {
  turn: RosterTurn;
  startMs: number;
  endMs: number;
  inRange: boolean;
}

/** Every broken rule of a roster, errors before warnings, in a stable order. */
export function validateRoster(input: ValidationInput): Violation[] {
  const advisers = new Map(input.advisers.map((a) => [a.id, a]));
  const dates = [...input.turns, ...input.context].map((t) => t.date).sort();
  const absent = absenceIndex(input.absences, { from: dates[0] ?? '0000-01-01', to: dates[dates.length - 1] ?? '0000-01-01' });
  const out: Violation[] = [];
  for (const t of input.turns) checkTurn(t, advisers, absent, input.closedDates, out);
  const perAdviser = new Map<number, Placed[]>();
  const add = (turn: RosterTurn, inRange: boolean) => {
    for (const a of turn.assignments) {
      const list = perAdviser.get(a.adviserId) ?? [];
      list.push({ turn, startMs: turn.startMs, endMs: turn.endMs, inRange });
      perAdviser.set(a.adviserId, list);
    }
  };
  const inRange = new Set(input.turns);
  for (const t of input.turns) add(t, true);
  for (const t of input.context) if (!inRange.has(t)) add(t, false);
  for (const [adviserId, list] of [...perAdviser].sort((x, y) => x[0] - y[0])) {
    list.sort((x, y) => x.startMs - y.startMs || (x.turn.id ?? 0) - (y.turn.id ?? 0));
    const adviser = advisers.get(adviserId);
    checkOverlap(adviserId, list, out);
    checkRest(adviserId, list, out);
    if (adviser) checkWeeklyHours(adviser, list, out);
  }
  if (input.warnings !== false) out.push(...softViolations(input.turns, input.advisers, absent));
  return sortViolations(dedupe(out));
}

function checkTurn(t: RosterTurn, advisers: Map<number, AdviserSpec>, absent: Map<number, Set<string>>, closed: ReadonlySet<string>, out: Violation[]): void {
  const at = { turnId: t.id, serviceId: t.serviceId, cityId: t.cityId, date: t.date, start: t.startAt };
  if (closed.has(t.date)) out.push(violation('closed_day', at));
  if (t.assignments.length < t.headcount) {
    out.push(violation('understaffed', { ...at, params: { assigned: t.assignments.length, headcount: t.headcount } }));
  }
  const staff = t.assignments.map((a) => advisers.get(a.adviserId));
  // An open seat may still get a speaker; a full turn without one breaks the rule.
  if (t.language !== null && t.assignments.length >= t.headcount && !staff.some((a) => a !== undefined && speaks(a, t.language))) {
    out.push(violation('language_missing', { ...at, params: { language: t.language } }));
  }
  for (const a of t.assignments) {
    const adviser = advisers.get(a.adviserId);
    const who = { ...at, adviserId: a.adviserId };
    if (!adviser) {
      out.push(violation('unknown_adviser', who));
      continue;
    }
    if (adviser.cityId !== t.cityId) out.push(violation('wrong_city', who));
    if (!adviser.skills.has(t.serviceId)) out.push(violation('skill_missing', who));
    if (!activeOn(adviser, t.date)) out.push(violation('inactive_adviser', who));
    if (absent.get(a.adviserId)?.has(t.date)) out.push(violation('absent', who));
  }
}

function report(code: 'overlap' | 'rest_violation' | 'weekly_hours_exceeded', adviserId: number, p: Placed, out: Violation[], params = {}): void {
  if (!p.inRange) return;
  out.push(
    violation(code, { turnId: p.turn.id, adviserId, serviceId: p.turn.serviceId, cityId: p.turn.cityId, date: p.turn.date, start: p.turn.startAt, params }),
  );
}

function checkOverlap(adviserId: number, list: readonly Placed[], out: Violation[]): void {
  let latest: Placed | null = null;
  for (const p of list) {
    if (latest && p.startMs < latest.endMs) {
      report('overlap', adviserId, p, out);
      report('overlap', adviserId, latest, out);
    }
    if (!latest || p.endMs > latest.endMs) latest = p;
  }
}

/**
 * Working Hours Act 872/2019: in the 24 h from the start of each shift there
 * must be a continuous 11 h rest. Shifts are runs of back-to-back turns; the
 * turns that cut into a window's rest are reported.
 */
function checkRest(adviserId: number, list: readonly Placed[], out: Violation[]): void {
  const blocks = mergeBlocks(list);
  for (let i = 0; i < blocks.length; i++) {
    const rest = longestRest(blocks, i);
    if (rest >= REST_MS) continue;
    const anchor = blocks[i] as { startMs: number };
    const windowEnd = anchor.startMs + 24 * 3_600_000;
    const later = list.filter((p) => p.startMs >= anchor.startMs && p.startMs < windowEnd);
    const firstBlockEnd = (blocks[i] as { endMs: number }).endMs;
    const intruders = later.filter((p) => p.startMs >= firstBlockEnd);
    for (const p of intruders.length > 0 ? intruders : later) report('rest_violation', adviserId, p, out, { restHours: round1(rest / 3_600_000) });
  }
}

function checkWeeklyHours(adviser: AdviserSpec, list: readonly Placed[], out: Violation[]): void {
  const byWeek = new Map<string, Placed[]>();
  for (const p of list) byWeek.set(p.turn.week, [...(byWeek.get(p.turn.week) ?? []), p]);
  for (const [, week] of byWeek) {
    let hours = 0;
    let reported = false;
    const total = week.reduce((s, p) => s + p.turn.hours, 0);
    for (const p of week) {
      hours += p.turn.hours;
      if (!reported && hours > adviser.maxHoursPerWeek + EPS_HOURS && p.inRange) {
        report('weekly_hours_exceeded', adviser.id, p, out, { hours: round1(total), max: adviser.maxHoursPerWeek });
        reported = true;
      }
    }
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function dedupe(list: Violation[]): Violation[] {
  const seen = new Set<string>();
  return list.filter((v) => {
    const key = `${v.code}|${v.turnId}|${v.adviserId}|${v.start}|${v.date}|${v.cityId}|${v.serviceId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
