import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { myTurns, type MyTurn } from '../roster-views/mine.js';
import { waitingFor, type WaitingItem } from './waiting.js';

export interface AdviserHome {
  /** The adviser's next published turn (running or coming); undefined when the account has no adviser. */
  next: MyTurn | null | undefined;
  waiting: WaitingItem[];
}

/** The top of the home page on a phone: my next turn, then what waits for me. */
export function adviserHome(ctx: AppContext, user: CurrentUser, lang: Lang, upcoming?: readonly MyTurn[] | null): AdviserHome {
  // The home page has read my coming turns already; reuse them rather than query twice.
  const list = upcoming ?? (user.adviserId === null ? null : myTurns(ctx, lang, user.adviserId, 1).upcoming);
  const next = user.adviserId === null || list === null ? undefined : (list[0] ?? null);
  return { next, waiting: waitingFor(ctx, user, lang) };
}
