import type { AppContext } from '../../context.js';
import { forbidden, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { shiftDate } from '../../time/zone.js';
import type { TurnRow } from '../rosters/repository.js';
import { swapRefusal } from './swaps.js';

/** How far around the turn a colleague's turns are offered in exchange. */
export const SWAP_WINDOW_DAYS = 14;

/**
 * One swap or give that would be accepted now. `start`, `end` and `service`
 * describe the turn the asker would get in exchange (`otherTurnId`), or, for
 * a give (`otherTurnId: null`), the asker's own turn that the colleague takes.
 */
export interface SwapOption {
  targetId: number;
  otherTurnId: number | null;
  start: string;
  end: string;
  service: string;
}

/**
 * Every swap and give of one of the caller's coming published turns that
 * passes every hard rule for both people. Candidates are colleagues of the
 * turn's city with its skill and their published turns of the same city
 * within two weeks; each is then judged by `swapRefusal`, the same checks the
 * request itself runs, so whatever is offered is accepted unless the roster
 * changes in between.
 */
export function swapOptions(ctx: AppContext, user: CurrentUser, turnId: number, lang: Lang): SwapOption[] {
  const repo = ctx.repos.rosters;
  const row = repo.turnById(turnId);
  if (!row) throw notFound();
  const me = user.adviserId;
  const staff = repo.assignmentsOf(turnId).map((a) => a.adviser_id);
  if (me === null || row.status !== 'published' || !staff.includes(me)) throw forbidden();
  const now = ctx.clock.now().toISOString();
  if (row.start_at <= now || ctx.repos.workflow.openSwapsOfTurn(turnId) > 0) return [];

  const skillsOf = new Map<number, Set<number>>();
  for (const s of repo.skills()) skillsOf.set(s.adviser_id, (skillsOf.get(s.adviser_id) ?? new Set()).add(Number(s.value)));
  const colleagues = repo
    .advisers()
    .filter((a) => a.active === 1 && a.city_id === row.city_id && a.id !== me && !staff.includes(a.id) && skillsOf.get(a.id)?.has(row.service_id))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  const from = shiftDate(row.date, -SWAP_WINDOW_DAYS);
  const to = shiftDate(row.date, SWAP_WINDOW_DAYS);
  const mySkills = skillsOf.get(me) ?? new Set<number>();
  const turns = repo
    .turnsBetween(from, to)
    .filter((t) => t.status === 'published' && t.start_at > now && t.id !== turnId && t.city_id === row.city_id && mySkills.has(t.service_id));
  const byTurn = new Map<number, number[]>();
  for (const a of repo.assignmentsBetween(from, to)) byTurn.set(a.turn_id, [...(byTurn.get(a.turn_id) ?? []), a.adviser_id]);
  const codeOf = new Map(repo.services().map((s) => [s.id, s.code]));
  const describe = (t: TurnRow) => ({ start: t.start_at, end: t.end_at, service: codeOf.get(t.service_id) ?? String(t.service_id) });

  const options: SwapOption[] = [];
  const accepted = (targetId: number, otherTurnId: number | null) => swapRefusal(ctx, me, { turnId, targetId, otherTurnId, message: '' }, lang) === null;
  for (const c of colleagues) {
    if (accepted(c.id, null)) options.push({ targetId: c.id, otherTurnId: null, ...describe(row) });
    for (const t of turns) {
      const on = byTurn.get(t.id) ?? [];
      if (!on.includes(c.id) || on.includes(me)) continue;
      if (ctx.repos.workflow.openSwapsOfTurn(t.id) > 0) continue;
      if (accepted(c.id, t.id)) options.push({ targetId: c.id, otherTurnId: t.id, ...describe(t) });
    }
  }
  return options;
}
