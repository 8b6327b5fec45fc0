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
export function adviserHome(ctx: AppContext, user: CurrentUser, lang: Lang): AdviserHome {
  const next = user.adviserId === null ? undefined : (myTurns(ctx, lang, user.adviserId, 1).upcoming[0] ?? null);
  return { next, waiting: waitingFor(ctx, user, lang) };
}
