import type { AppContext } from '../../context.js';
import { translate, isLang } from '../../i18n/index.js';
import type { Outcome, OutboxRow } from '../outbox/repository.js';
import { signatureHeader } from './sign.js';

/** What the outbox keeps for one webhook delivery: the exact body that is signed and sent. */
export interface WebhookPayload {
  type: string;
  eventId: string;
  body: string;
}

/** A receiver that does not answer within this is counted as failed and retried later. */
const TIMEOUT_MS = 10_000;

/**
 * Posts one queued delivery, signed at the moment of sending. null: the
 * endpoint was deleted or disabled meanwhile and the message is cancelled.
 */
export async function deliverWebhook(ctx: AppContext, row: OutboxRow): Promise<Outcome | null> {
  const hook = row.webhook_id === null ? undefined : ctx.repos.webhooks.anyById(row.webhook_id);
  if (!hook || hook.deleted_at !== null || hook.active !== 1) {
    ctx.db.transaction(() => ctx.repos.outbox.cancel(row.id, hook?.deleted_at ? 'webhook deleted' : 'webhook disabled')).immediate();
    return null;
  }
  const payload = JSON.parse(row.payload) as WebhookPayload;
  let outcome: Outcome;
  try {
    const res = await fetch(hook.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'vuoro-webhooks/1',
        'x-vuoro-event': payload.type,
        'x-vuoro-delivery': String(row.id),
        'x-vuoro-idempotency-key': row.idempotency_key,
        'x-vuoro-signature': signatureHeader(hook.secret, payload.body, ctx.clock.now().getTime() / 1000),
      },
      body: payload.body,
    });
    // The answer's body is not needed; reading it frees the socket.
    await res.arrayBuffer().catch(() => undefined);
    outcome = res.status >= 200 && res.status < 300 ? { ok: true, httpStatus: res.status } : { ok: false, error: `HTTP ${res.status}`, httpStatus: res.status };
  } catch (err) {
    const e = err as { name?: unknown; message?: unknown; cause?: { code?: unknown } } | null;
    outcome = { ok: false, error: `${String(e?.cause?.code ?? e?.name ?? '')} ${String(e?.message ?? err)}`.trim().slice(0, 500) };
  }
  countOutcome(ctx, hook.id, outcome.ok);
  return outcome;
}

/** Failures in a row disable the endpoint, cancel what it still had queued and tell the admins. */
function countOutcome(ctx: AppContext, webhookId: number, ok: boolean): void {
  ctx.db
    .transaction(() => {
      if (ok) {
        ctx.repos.webhooks.succeeded(webhookId);
        return;
      }
      const state = ctx.repos.webhooks.failed(webhookId);
      if (!state || state.consecutive_failures < ctx.config.outbox.webhookDisableAfter) return;
      const at = ctx.clock.now().toISOString();
      if (!ctx.repos.webhooks.disable(webhookId, at)) return;
      ctx.repos.outbox.cancelForWebhook(webhookId, 'webhook disabled');
      const hook = ctx.repos.webhooks.anyById(webhookId);
      for (const admin of ctx.repos.webhooks.admins()) {
        const lang = isLang(admin.language) ? admin.language : 'fi';
        const params = { url: hook?.url ?? `#${webhookId}`, failures: state.consecutive_failures };
        ctx.repos.notifications.insert({
          userId: admin.id,
          adviserId: null,
          email: null,
          language: lang,
          subject: translate(lang, 'integrations.webhookDisabledSubject', params),
          body: translate(lang, 'integrations.webhookDisabledBody', { ...params, page: `${ctx.config.baseUrl}/admin/webhooks/${webhookId}` }),
          mailStatus: 'none',
          createdAt: at,
        });
      }
    })
    .immediate();
}
