import type { AppContext } from '../../context.js';
import { announceTurnStarts } from '../webhooks/turn-events.js';
import { deliverDue } from './rules.js';

/** How long sent and cancelled messages stay in the log. */
const KEEP_MS = 30 * 86_400_000;
const PURGE_EVERY_MS = 3_600_000;

export interface OutboxWorker {
  /** One round now (announce turn starts, deliver what is due); resolves when done. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

/**
 * The background worker: every OUTBOX_POLL_SECONDS it announces turns that
 * started and delivers the outbox messages that are due. Started by
 * src/server.ts (and by tests that want delivery), never by createApp.
 * Several workers on one database are safe: claims are atomic.
 */
export function startOutboxWorker(ctx: AppContext, options: { pollMs?: number } = {}): OutboxWorker {
  const pollMs = options.pollMs ?? ctx.config.outbox.pollMs;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> = Promise.resolve(0);

  let lastPurge = 0;
  const round = async (): Promise<number> => {
    try {
      announceTurnStarts(ctx);
      const now = ctx.clock.now().getTime();
      if (now - lastPurge > PURGE_EVERY_MS) {
        lastPurge = now;
        ctx.db.transaction(() => ctx.repos.outbox.purgeBefore(new Date(now - KEEP_MS).toISOString())).immediate();
      }
    } catch (err) {
      ctx.log.error('outbox housekeeping failed', err);
    }
    try {
      return await deliverDue(ctx);
    } catch (err) {
      ctx.log.error('outbox delivery round failed', err);
      return 0;
    }
  };
  const runOnce = (): Promise<number> => {
    // Rounds never overlap: a manual one waits for the one in progress.
    current = current.then(round, round);
    return current;
  };
  const loop = () => {
    if (stopped) return;
    void runOnce().finally(() => {
      if (!stopped) timer = setTimeout(loop, pollMs);
    });
  };
  timer = setTimeout(loop, 0);
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current.catch(() => 0);
    },
  };
}
