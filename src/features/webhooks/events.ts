import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { isLang, translate, type Lang, type MessageKey } from '../../i18n/index.js';
import { formatters } from '../../time/format.js';
import type { WebhookPayload } from './deliver.js';
import type { WebhookRow } from './repository.js';

export const WEBHOOK_EVENTS = ['roster.published', 'turn.changed', 'swap.requested', 'swap.decided', 'absence.created', 'on_duty.changed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A turn as webhooks carry it: codes, instants, and who is on it. */
export interface TurnData {
  id: number;
  service: string;
  city: string | null;
  start: string;
  end: string;
  status: 'draft' | 'published';
  version: number;
  advisers: Array<{ id: number; name: string }>;
}

export function turnData(ctx: AppContext, turnId: number): TurnData | null {
  const r = ctx.repos.webhooks.turn(turnId);
  if (!r) return null;
  let advisers: TurnData['advisers'];
  try {
    advisers = JSON.parse(r.advisers_json) as TurnData['advisers'];
  } catch {
    advisers = [];
  }
  return { id: r.id, service: r.service, city: r.city, start: r.start_at, end: r.end_at, status: r.status, version: r.version, advisers };
}

/** Every event's data, by type: the shapes OpenAPI and docs/WEBHOOKS.md describe. */
export interface EventData {
  'roster.published': { from: string; to: string; published: number; turnIds: number[] };
  'turn.changed': { turn: TurnData; added: number[]; removed: number[] };
  'swap.requested': { swapId: number; kind: 'swap' | 'give'; turnId: number; otherTurnId: number | null; requesterId: number; targetId: number };
  'swap.decided': {
    swapId: number;
    decision: 'approved' | 'declined' | 'refused';
    turnId: number;
    otherTurnId: number | null;
    requesterId: number;
    targetId: number;
  };
  'absence.created': { id: number; adviserId: number; from: string; to: string };
  'on_duty.changed': { reason: 'turn_started' | 'staff_changed'; service: string; city: string | null; turn: TurnData };
}

/**
 * Queues an event for every active endpoint subscribed to it. Opens no
 * transaction: call it inside the one making the change. `eventId` fixed by
 * the caller makes a repeated call (two workers announcing the same turn
 * start) queue nothing more.
 */
export function emitEvent<T extends WebhookEvent>(ctx: AppContext, type: T, data: EventData[T], eventId?: string): void {
  const hooks = ctx.repos.webhooks.subscribedTo(type);
  if (hooks.length === 0) return;
  const id = eventId ?? `evt_${randomUUID()}`;
  const occurredAt = ctx.clock.now().toISOString();
  for (const hook of hooks) {
    const body = hook.format === 'teams' ? JSON.stringify(teamsMessage(ctx, hook, type, data)) : JSON.stringify({ id, type, occurredAt, data });
    const payload: WebhookPayload = { type, eventId: id, body };
    ctx.repos.outbox.insert({
      kind: 'webhook',
      key: `${id}.${hook.id}`,
      recipient: hook.url,
      label: type,
      payload: JSON.stringify(payload),
      notificationId: null,
      webhookId: hook.id,
      at: occurredAt,
    });
  }
}

function names(list: ReadonlyArray<{ name: string }>, lang: Lang): string {
  return list.length > 0 ? list.map((p) => p.name).join(', ') : translate(lang, 'integrations.nobody');
}

/** "Phone advisory, Espoo" and "3.5.2027 09:00–12:00" in the webhook's language. */
function turnWords(ctx: AppContext, turn: TurnData, lang: Lang): { where: string; when: string } {
  const r = ctx.repos.webhooks.turn(turn.id);
  const pick = (fi: string | null | undefined, sv: string | null | undefined, en: string | null | undefined) => ({ fi, sv, en })[lang] ?? '';
  const service = r ? pick(r.service_fi, r.service_sv, r.service_en) : turn.service;
  const city = r ? pick(r.city_fi, r.city_sv, r.city_en) : (turn.city ?? '');
  const fmt = formatters(lang);
  return { where: city ? `${service}, ${city}` : service, when: `${fmt.date(r?.date ?? turn.start)} ${fmt.time(turn.start)}–${fmt.time(turn.end)}` };
}

function turnOf(ctx: AppContext, id: number): TurnData {
  return turnData(ctx, id) ?? { id, service: '?', city: null, start: '', end: '', status: 'published', version: 0, advisers: [] };
}

/** The one line a chat channel shows for an event. */
export function eventLine<T extends WebhookEvent>(ctx: AppContext, type: T, data: EventData[T], lang: Lang): string {
  const d = data as EventData[WebhookEvent];
  switch (type) {
    case 'on_duty.changed': {
      const e = d as EventData['on_duty.changed'];
      return translate(lang, 'integrations.cardOnDuty', { where: turnWords(ctx, e.turn, lang).where, names: names(e.turn.advisers, lang) });
    }
    case 'turn.changed': {
      const e = d as EventData['turn.changed'];
      const w = turnWords(ctx, e.turn, lang);
      return translate(lang, 'integrations.cardTurnChanged', { where: w.where, when: w.when, names: names(e.turn.advisers, lang) });
    }
    case 'roster.published': {
      const e = d as EventData['roster.published'];
      const fmt = formatters(lang);
      return translate(lang, 'integrations.cardPublished', { from: fmt.date(e.from), to: fmt.date(e.to), count: e.published });
    }
    case 'swap.requested': {
      const w = turnWords(ctx, turnOf(ctx, (d as EventData['swap.requested']).turnId), lang);
      return translate(lang, 'integrations.cardSwapRequested', { where: w.where, when: w.when });
    }
    case 'swap.decided': {
      const e = d as EventData['swap.decided'];
      const w = turnWords(ctx, turnOf(ctx, e.turnId), lang);
      return translate(lang, `integrations.cardSwap_${e.decision}` as MessageKey, { where: w.where, when: w.when });
    }
    case 'absence.created': {
      const e = d as EventData['absence.created'];
      const fmt = formatters(lang);
      return translate(lang, 'integrations.cardAbsence', {
        name: ctx.repos.webhooks.adviserName(e.adviserId) ?? `#${e.adviserId}`,
        from: fmt.date(e.from),
        to: fmt.date(e.to),
      });
    }
    default: {
      const never: never = type as never;
      return String(never);
    }
  }
}

/**
 * A message for a Teams workflow ("When a Teams webhook request is received"
 * → post card): an Adaptive Card as an attachment of a message.
 */
export function teamsMessage<T extends WebhookEvent>(ctx: AppContext, hook: Pick<WebhookRow, 'language'>, type: T, data: EventData[T]) {
  const lang: Lang = isLang(hook.language) ? hook.language : 'fi';
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: translate(lang, `integrations.event_${type.replace('.', '_')}` as MessageKey),
              size: 'Small',
              isSubtle: true,
              wrap: true,
            },
            { type: 'TextBlock', text: eventLine(ctx, type, data, lang), weight: 'Bolder', size: 'Medium', wrap: true },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'vuoro', url: `${ctx.config.baseUrl}/` }],
        },
      },
    ],
  };
}
