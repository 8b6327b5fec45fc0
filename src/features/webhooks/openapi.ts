/**
 * The webhooks' part of the OpenAPI document: the endpoints that register
 * them (paths) and the deliveries they receive (OpenAPI 3.1 `webhooks`),
 * merged into api-docs/openapi.ts.
 */
import { WEBHOOK_EVENTS } from './events.js';
import { json, errors, obj, int, str, instant, pathId, type Schema } from '../api-docs/schema.js';

const arrayOf = (s: Schema): Schema => ({ type: 'array', items: s });
const nullable = (s: Schema): Schema => ({ oneOf: [s, { type: 'null' }] });

const Webhook = obj(['id', 'url', 'events', 'format', 'active', 'version'], {
  id: int,
  url: { type: 'string', format: 'uri' },
  events: arrayOf({ enum: [...WEBHOOK_EVENTS] }),
  format: { enum: ['json', 'teams'] },
  language: { enum: ['fi', 'sv', 'en'], description: 'language of Teams cards' },
  active: { type: 'boolean' },
  consecutiveFailures: int,
  disabledAt: nullable(instant),
  createdAt: instant,
  version: int,
});
const Delivery = obj(['id', 'event', 'status', 'attempts'], {
  id: int,
  event: str,
  status: { enum: ['pending', 'sent', 'failed', 'cancelled'] },
  attempts: int,
  lastStatus: nullable(int),
  lastError: nullable(str),
  createdAt: instant,
  lastAttemptAt: nullable(instant),
  nextAttemptAt: nullable(instant),
  sentAt: nullable(instant),
});
const Turn = obj(['id', 'service', 'city', 'start', 'end', 'status', 'version', 'advisers'], {
  id: int,
  service: { type: 'string', example: 'phone' },
  city: nullable({ type: 'string', example: 'espoo' }),
  start: instant,
  end: instant,
  status: { enum: ['draft', 'published'] },
  version: int,
  advisers: arrayOf(obj(['id', 'name'], { id: int, name: str })),
});

const DATA: Record<(typeof WEBHOOK_EVENTS)[number], Schema> = {
  'roster.published': obj(['from', 'to', 'published', 'turnIds'], {
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    published: int,
    turnIds: arrayOf(int),
  }),
  'turn.changed': obj(['turn', 'added', 'removed'], { turn: Turn, added: arrayOf(int), removed: arrayOf(int) }),
  'swap.requested': obj(['swapId', 'kind', 'turnId', 'otherTurnId', 'requesterId', 'targetId'], {
    swapId: int,
    kind: { enum: ['swap', 'give'] },
    turnId: int,
    otherTurnId: nullable(int),
    requesterId: int,
    targetId: int,
  }),
  'swap.decided': obj(['swapId', 'decision', 'turnId', 'otherTurnId', 'requesterId', 'targetId'], {
    swapId: int,
    decision: { enum: ['approved', 'declined', 'refused'] },
    turnId: int,
    otherTurnId: nullable(int),
    requesterId: int,
    targetId: int,
  }),
  'absence.created': obj(['id', 'adviserId', 'from', 'to'], {
    id: int,
    adviserId: int,
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
  }),
  'on_duty.changed': obj(['reason', 'service', 'city', 'turn'], {
    reason: { enum: ['turn_started', 'staff_changed'] },
    service: str,
    city: nullable(str),
    turn: Turn,
  }),
};

const SIGNATURE =
  'X-Vuoro-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>. Also X-Vuoro-Event, X-Vuoro-Delivery and X-Vuoro-Idempotency-Key. Answer 2xx within 10 s; anything else is retried (first retry within 30 s, then doubling). See docs/WEBHOOKS.md.';

/** OpenAPI 3.1 `webhooks`: what vuoro posts for each event (format json). */
export const webhookEvents = Object.fromEntries(
  WEBHOOK_EVENTS.map((type) => [
    type,
    {
      post: {
        summary: `${type} (signed JSON delivery)`,
        description: SIGNATURE,
        requestBody: json(
          obj(['id', 'type', 'occurredAt', 'data'], {
            id: { type: 'string', description: 'the event id: the same on every retry' },
            type: { const: type },
            occurredAt: instant,
            data: DATA[type],
          }),
        ),
        responses: { 200: { description: 'Received (any 2xx)' } },
      },
    },
  ]),
);

export const webhookPaths = {
  '/api/v1/webhooks': {
    get: {
      summary: 'Admin: the registered webhooks (never their secrets)',
      responses: { 200: { description: 'The webhooks', ...json(arrayOf(Webhook)) }, ...errors(401, 403) },
    },
    post: {
      summary: 'Admin: register a webhook; the answer carries its signing secret, shown only this once',
      requestBody: json(
        obj(['url', 'events'], {
          url: { type: 'string', format: 'uri', description: 'http or https' },
          events: arrayOf({ enum: [...WEBHOOK_EVENTS] }),
          format: { enum: ['json', 'teams'], default: 'json' },
          language: { enum: ['fi', 'sv', 'en'], default: 'fi' },
        }),
      ),
      responses: { 201: { description: 'Created', ...json({ allOf: [Webhook, obj(['secret'], { secret: str })] }) }, ...errors(400, 401, 403) },
    },
  },
  '/api/v1/webhooks/{id}': {
    get: {
      summary: 'Admin: one webhook with its delivery log (newest first)',
      parameters: [pathId],
      responses: {
        200: { description: 'The webhook', ...json({ allOf: [Webhook, obj(['deliveries'], { deliveries: arrayOf(Delivery) })] }) },
        ...errors(401, 403, 404),
      },
    },
    delete: {
      summary: 'Admin: delete a webhook; its queued deliveries are cancelled, its log kept',
      parameters: [pathId],
      responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404, 409) },
    },
  },
};
