import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { addDays, localToday } from '../../time/zone.js';
import { dutyBoard, type DutyBoardRow } from '../on-duty/rules.js';
import { myTurns, type MyTurn } from '../roster-views/mine.js';
import { adviserHome, type AdviserHome } from '../my-day/home.js';

export interface HomePage {
  board: DutyBoardRow[];
  /** The signed-in adviser's next turns; null when the account has no adviser. */
  myNext: MyTurn[] | null;
  /** Open and draft turns of the coming four weeks, for those who plan. */
  pending: { drafts: number; open: number; from: string; to: string } | null;
  /** My next turn and what waits for me (src/features/my-day). */
  me: AdviserHome;
}

const PLANNING_DAYS = 28;
const MY_NEXT = 5;

export function homePage(ctx: AppContext, user: CurrentUser, lang: Lang): HomePage {
  const now = ctx.clock.now();
  const today = localToday(now);
  const mine = user.adviserId === null ? null : myTurns(ctx, lang, user.adviserId, MY_NEXT).upcoming;
  let pending: HomePage['pending'] = null;
  if (user.role !== 'adviser') {
    const to = addDays(today, PLANNING_DAYS - 1);
    pending = { ...ctx.repos.rosterViews.pendingCounts(today, to), from: today, to };
  }
  return { board: dutyBoard(ctx, now, lang), myNext: mine, pending, me: adviserHome(ctx, user, lang, mine) };
}
