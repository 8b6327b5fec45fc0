import type { AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import type { Lang } from '../../i18n/index.js';
import { translate } from '../../i18n/index.js';
import { swapOptions } from './swap-options.js';
import { turnLabel } from './turn-label.js';

export interface SwapOffer {
  value: string;
  label: string;
}
export interface SwapPage {
  turnId: number;
  turn: string;
  offers: SwapOffer[];
}

/**
 * The choices of the swap form for one of the adviser's coming published
 * turns: exactly the options of `GET /api/v1/turns/:id/swap-options`, each
 * one already passing every hard rule for both people. Each swap names the
 * offered turn with its weekday and full date.
 */
export function swapPage(ctx: AppContext, user: CurrentUser, turnId: number, lang: Lang): SwapPage {
  const repo = ctx.repos.rosters;
  const row = repo.turnById(turnId);
  if (!row) throw notFound();
  const options = swapOptions(ctx, user, turnId, lang);
  const names = new Map(repo.advisers().map((a) => [a.id, a.name]));
  const offers = options.map((o): SwapOffer => {
    const name = names.get(o.targetId) ?? `#${o.targetId}`;
    if (o.otherTurnId === null) return { value: `give:${o.targetId}`, label: translate(lang, 'workflow.giveTo', { name }) };
    const other = repo.turnById(o.otherTurnId);
    return {
      value: `swap:${o.targetId}:${o.otherTurnId}`,
      label: translate(lang, 'workflow.swapWith', { name, turn: other ? turnLabel(ctx, other, lang) : '' }),
    };
  });
  return { turnId, turn: turnLabel(ctx, row, lang), offers };
}

/** The form's "give:<adviser>" or "swap:<adviser>:<turn>" as the rule's input. */
export function parseOffer(offer: string): { targetId: number; otherTurnId: number | null } {
  const [kind, target, other] = offer.split(':');
  return { targetId: Number(target), otherTurnId: kind === 'swap' ? Number(other) : null };
}
