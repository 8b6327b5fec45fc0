import { Cron } from 'croner';
import type { AppContext } from '../../context.js';
import { tick } from './reminders.js';

/**
 * Runs the reminders and change notices every minute. Started only by
 * src/server.ts: createApp and the tests never start a timer (tests call
 * tick() with their own clock).
 */
export function startScheduler(ctx: AppContext): { stop: () => void } {
  const job = new Cron('* * * * *', { protect: true, catch: (err) => ctx.log.error('reminder tick failed', err) }, () => {
    tick(ctx);
  });
  return { stop: () => job.stop() };
}
