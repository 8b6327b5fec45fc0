import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { HttpError, notFound } from '../../http/errors.js';
import type { CurrentUser } from '../../http/types.js';
import { recordChange } from '../audit/rules.js';
import type { OutboxRow } from '../outbox/repository.js';
import type { WebhookRow } from './repository.js';
import type { WebhookInputData } from './schemas.js';

/** A webhook as the API shows it: never its secret. */
export function webhookJson(w: WebhookRow) {
  return {
    id: w.id,
    url: w.url,
    events: JSON.parse(w.events) as string[],
    format: w.format,
    language: w.language,
    active: w.active === 1,
    consecutiveFailures: w.consecutive_failures,
    disabledAt: w.disabled_at,
    createdAt: w.created_at,
    version: w.version,
  };
}

export function deliveryJson(r: OutboxRow) {
  return {
    id: r.id,
    event: r.label,
    status: r.status,
    attempts: r.attempts,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: r.created_at,
    lastAttemptAt: r.last_attempt_at,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    sentAt: r.sent_at,
  };
}

/** Hides the path and query of an address for the change log (a Teams URL carries its own signature). */
const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return '?';
  }
};

/** Registers an endpoint and returns it with its secret, the only time the secret is shown. */
export function createWebhook(ctx: AppContext, user: CurrentUser, input: WebhookInputData): { webhook: WebhookRow; secret: string } {
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const id = ctx.db
    .transaction(() => {
      const newId = ctx.repos.webhooks.insert({ ...input, events: [...new Set(input.events)], secret, createdBy: user.id, at: ctx.clock.now().toISOString() });
      recordChange(ctx, {
        userId: user.id,
        kind: 'webhook.create',
        entity: 'webhook',
        entityId: newId,
        after: { url: originOf(input.url), events: input.events, format: input.format },
      });
      return newId;
    })
    .immediate();
  return { webhook: getWebhook(ctx, id), secret };
}

export function getWebhook(ctx: AppContext, id: number): WebhookRow {
  const w = ctx.repos.webhooks.byId(id);
  if (!w) throw notFound();
  return w;
}

/** Deletes an endpoint; what it still had queued is cancelled, its delivery log stays. */
export function deleteWebhook(ctx: AppContext, user: CurrentUser, id: number): void {
  ctx.db
    .transaction(() => {
      const w = getWebhook(ctx, id);
      if (!ctx.repos.webhooks.remove(id, ctx.clock.now().toISOString())) throw notFound();
      ctx.repos.outbox.cancelForWebhook(id, 'webhook deleted');
      recordChange(ctx, {
        userId: user.id,
        kind: 'webhook.delete',
        entity: 'webhook',
        entityId: id,
        before: { url: originOf(w.url), events: JSON.parse(w.events) as unknown, format: w.format },
      });
    })
    .immediate();
}

/** Switches a disabled endpoint back on, at the version the admin saw. */
export function enableWebhook(ctx: AppContext, user: CurrentUser, id: number, version: number): void {
  ctx.db
    .transaction(() => {
      getWebhook(ctx, id);
      if (!ctx.repos.webhooks.enable(id, version)) throw new HttpError(409, 'stale_version');
      recordChange(ctx, { userId: user.id, kind: 'webhook.enable', entity: 'webhook', entityId: id, after: { active: true, version: version + 1 } });
    })
    .immediate();
}

export const DELIVERY_LOG_SIZE = 100;

export function deliveriesOf(ctx: AppContext, id: number): OutboxRow[] {
  return ctx.repos.outbox.forWebhook(id, DELIVERY_LOG_SIZE);
}
