import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../http/types.js';
import { translate, type Lang } from '../../i18n/index.js';
import { turnLabel } from '../workflow/turn-label.js';
import { coversWaitingFor } from './cover.js';
import type { WaitingItem } from './waiting-item.js';

export type { WaitingItem } from './waiting-item.js';

/**
 * What waits for the user: swaps and gives to answer (the asked colleague),
 * open cover offers the adviser may take, and for supervisors (their city) or
 * admins (every city) swaps and covers to approve and city moves to accept.
 * The navigation's badge counts the same list.
 */
export function waitingFor(ctx: AppContext, user: CurrentUser, lang: Lang): WaitingItem[] {
  const now = ctx.clock.now().toISOString();
  const repo = ctx.repos.myDay;
  const names = new Map(ctx.repos.rosters.advisers().map((a) => [a.id, a.name]));
  const label = (turnId: number | null) => {
    const row = turnId === null ? undefined : ctx.repos.rosters.turnById(turnId);
    return row ? turnLabel(ctx, row, lang) : '';
  };
  const items: WaitingItem[] = [];
  if (user.adviserId !== null) {
    for (const s of repo.swapsToAnswer(user.adviserId, now)) {
      const params = { who: names.get(s.requester_id) ?? '?', turn: label(s.turn_id), other: label(s.other_turn_id) };
      items.push({
        kind: 'swap_answer',
        id: s.id,
        href: `/requests#swap-${s.id}`,
        text: translate(lang, s.kind === 'give' ? 'myDay.waitGive' : 'myDay.waitSwap', params),
      });
    }
  }
  if (user.role === 'admin' || user.role === 'supervisor') {
    const city = user.role === 'admin' ? null : user.cityId;
    for (const s of repo.swapsToApprove(now, city)) {
      items.push({
        kind: 'swap_approve',
        id: s.id,
        href: `/requests#swap-${s.id}`,
        text: translate(lang, 'myDay.waitApproveSwap', { who: names.get(s.requester_id) ?? '?', turn: label(s.turn_id) }),
      });
    }
    for (const m of repo.movesToAccept(city)) {
      items.push({ kind: 'move', id: m.id, href: `/requests#move-${m.id}`, text: translate(lang, 'myDay.waitMove', { turn: label(m.turn_id) }) });
    }
  }
  items.push(...coversWaitingFor(ctx, user, lang));
  return items;
}

/**
 * The navigation's badge on every page: the same requests as waitingFor,
 * counted without building their texts. Covers are checked by the validator
 * only when some are open.
 */
export function waitingCount(ctx: AppContext, user: CurrentUser): number {
  const now = ctx.clock.now().toISOString();
  const repo = ctx.repos.myDay;
  let n = user.adviserId === null ? 0 : repo.swapsToAnswer(user.adviserId, now).length;
  if (user.role === 'admin' || user.role === 'supervisor') {
    const city = user.role === 'admin' ? null : user.cityId;
    n += repo.swapsToApprove(now, city).length + repo.movesToAccept(city).length;
  }
  if (repo.openCovers(now).length > 0 || repo.takenCovers(now).length > 0) n += coversWaitingFor(ctx, user, 'en').length;
  return n;
}
