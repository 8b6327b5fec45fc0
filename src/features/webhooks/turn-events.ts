import type { AppContext } from '../../context.js';
import { inviteTurnChange, queueInvitation } from '../calendar/invites.js';
import { instantKey } from '../on-duty/rules.js';
import { emitEvent, turnData, type TurnData } from './events.js';

// What a change to published turns sends beyond the inbox: calendar
// invitations and webhook events. Each function opens no transaction: it is
// called inside the one making the change, so the messages commit with it.

function running(ctx: AppContext, turn: TurnData): boolean {
  const now = instantKey(ctx.clock.now());
  return turn.status === 'published' && turn.start <= now && turn.end > now;
}

function onDuty(ctx: AppContext, turn: TurnData, reason: 'turn_started' | 'staff_changed', eventId?: string): void {
  emitEvent(ctx, 'on_duty.changed', { reason, service: turn.service, city: turn.city, turn }, eventId);
}

/** A published turn's advisers changed (edit, swap, replacement, city move). */
export function publishedTurnChanged(ctx: AppContext, turnId: number, added: readonly number[], removed: readonly number[]): void {
  inviteTurnChange(ctx, turnId, added, removed);
  const turn = turnData(ctx, turnId);
  if (!turn) return;
  emitEvent(ctx, 'turn.changed', { turn, added: [...added], removed: [...removed] });
  if (running(ctx, turn)) onDuty(ctx, turn, 'staff_changed');
}

export interface PublishedChanges {
  from: string;
  to: string;
  published: number;
  turnIds: readonly number[];
  /** Per adviser, the turns they got and lost with this publication. */
  advisers: ReadonlyArray<{ adviserId: number; added: readonly number[]; removed: readonly number[] }>;
}

/** A range was published: invitations and cancellations per adviser, the event, and who is on duty if it changed now. */
export function rosterPublished(ctx: AppContext, p: PublishedChanges): void {
  for (const a of p.advisers) {
    for (const id of a.added) queueInvitation(ctx, id, a.adviserId, 'REQUEST');
    for (const id of a.removed) queueInvitation(ctx, id, a.adviserId, 'CANCEL');
  }
  emitEvent(ctx, 'roster.published', { from: p.from, to: p.to, published: p.published, turnIds: [...p.turnIds] });
  const changed = new Set(p.advisers.flatMap((a) => [...a.added, ...a.removed]));
  for (const id of changed) {
    const turn = turnData(ctx, id);
    if (turn && running(ctx, turn)) onDuty(ctx, turn, 'staff_changed');
  }
}

const LAST_TICK = 'on_duty.announced_until';

/**
 * The worker's tick: announces the published turns that started since the
 * last tick (and still run) as on_duty.changed. The first tick only marks
 * the time, so a new deployment does not announce the past. The event id is
 * fixed per turn start, so two workers ticking at once queue it once.
 */
export function announceTurnStarts(ctx: AppContext): number {
  const now = instantKey(ctx.clock.now());
  return ctx.db
    .transaction((): number => {
      const last = ctx.repos.outbox.state(LAST_TICK);
      if (last === null || now <= last) {
        if (last === null) ctx.repos.outbox.setState(LAST_TICK, now);
        return 0;
      }
      const started = ctx.repos.webhooks.startedBetween(last, now);
      for (const s of started) {
        const turn = turnData(ctx, s.id);
        if (turn) onDuty(ctx, turn, 'turn_started', `evt_start_${s.id}_${s.start_at.replace(/[^0-9TZ]/g, '')}`);
      }
      ctx.repos.outbox.advanceState(LAST_TICK, now);
      return started.length;
    })
    .immediate();
}
