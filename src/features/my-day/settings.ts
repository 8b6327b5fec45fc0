import type { AppContext } from '../../context.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import { recordChange } from '../audit/rules.js';
import type { Reminder } from './schemas.js';

/** The user's own reminder setting (off, the working day before at 15:00, or 1, 2 or 7 days before). */
export function setReminder(ctx: AppContext, user: CurrentUser, reminder: Reminder): void {
  ctx.db
    .transaction(() => {
      const before = ctx.repos.myDay.reminderOf(user.id);
      ctx.repos.myDay.setReminder(user.id, reminder);
      recordChange(ctx, { userId: user.id, kind: 'profile.reminder', entity: 'user', entityId: user.id, before: { reminder: before }, after: { reminder } });
    })
    .immediate();
}

/** Whether a service's swaps and covers wait for a supervisor's approval; returns the new version. */
export function setServiceApproval(ctx: AppContext, user: CurrentUser, serviceId: number, needs: boolean, version: number): number {
  return ctx.db
    .transaction((): number => {
      const service = ctx.repos.rosters.services().find((s) => s.id === serviceId);
      if (!service) throw notFound();
      const before = ctx.repos.myDay.needsApproval(serviceId);
      if (!ctx.repos.myDay.setNeedsApproval(serviceId, needs, version)) throw new HttpError(409, 'stale_version');
      recordChange(ctx, {
        userId: user.id,
        kind: 'service.approval',
        entity: 'service',
        entityId: serviceId,
        before: { swapsNeedApproval: before },
        after: { swapsNeedApproval: needs },
      });
      return version + 1;
    })
    .immediate();
}
