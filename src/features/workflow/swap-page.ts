import type { AppContext } from '../../context.js';
import { forbidden, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { translate } from '../../i18n/index.js';
import { shiftDate } from '../../time/zone.js';
import { turnLabel } from './turn-label.js';

/** How far around the turn a colleague's turns are offered in exchange. */
const SWAP_WINDOW_DAYS = 14;

export interface SwapOffer { value: string; label: string }
export interface SwapPage { turnId: number; turn: string; offers: SwapOffer[] }

/**
 * The choices of the swap form for one of the adviser's coming published
 * turns: give it to a colleague of the turn's city with the skill, or swap it
 * for one of their published turns around it. The validator judges the
 * chosen one when the adviser checks or sends.
 */
export function swapPage(ctx: AppContext, user: CurrentUser, turnId: number, lang: Lang): SwapPage {
  const repo = ctx.repos.rosters;
  const row = repo.turnById(turnId);
  if (!row) throw notFound();
  const staff = repo.assignmentsOf(turnId).map((a) => a.adviser_id);
  if (user.adviserId === null || row.status !== 'published' || !staff.includes(user.adviserId)) throw forbidden();
  const skilled = new Set(repo.skills().filter((s) => Number(s.value) === row.service_id).map((s) => s.adviser_id));
  const colleagues = repo.advisers()
    .filter((a) => a.active === 1 && a.city_id === row.city_id && skilled.has(a.id) && a.id !== user.adviserId && !staff.includes(a.id))
    .sort((a, b) => a.name.localeCompare(b.name));
  const now = ctx.clock.now().toISOString();
  const from = shiftDate(row.date, -SWAP_WINDOW_DAYS);
  const to = shiftDate(row.date, SWAP_WINDOW_DAYS);
  const turns = repo.turnsBetween(from, to).filter((t) => t.status === 'published' && t.start_at > now && t.id !== turnId);
  const byTurn = new Map<number, number[]>();
  for (const a of repo.assignmentsBetween(from, to)) byTurn.set(a.turn_id, [...(byTurn.get(a.turn_id) ?? []), a.adviser_id]);
  const offers: SwapOffer[] = [];
  for (const c of colleagues) {
    offers.push({ value: `give:${c.id}`, label: translate(lang, 'workflow.giveTo', { name: c.name }) });
    for (const t of turns) {
      const on = byTurn.get(t.id) ?? [];
      if (!on.includes(c.id) || on.includes(user.adviserId)) continue;
      offers.push({ value: `swap:${c.id}:${t.id}`, label: translate(lang, 'workflow.swapWith', { name: c.name, turn: turnLabel(ctx, t, lang) }) });
    }
  }
  return { turnId, turn: turnLabel(ctx, row, lang), offers };
}

/** The form's "give:<adviser>" or "swap:<adviser>:<turn>" as the rule's input. */
export function parseOffer(offer: string): { targetId: number; otherTurnId: number | null } {
  const [kind, target, other] = offer.split(':');
  return { targetId: Number(target), otherTurnId: kind === 'swap' ? Number(other) : null };
}
