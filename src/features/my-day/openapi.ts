/**
 * The adviser's day in the OpenAPI document (swap options, cover offers,
 * reminder setting, per-service approval), merged into api-docs/openapi.ts.
 */
import { json, errors, obj, int, str, instant, pathId, type Schema } from '../api-docs/schema.js';

const version: Schema = { type: 'integer', description: 'the version read; a stale one gets 409' };
const coverStatus: Schema = { enum: ['open', 'taken', 'approved', 'declined', 'cancelled', 'expired'] };
const cover = obj(['id', 'version', 'turnId', 'turn', 'requester', 'status', 'canTake', 'canDecide', 'canCancel'], {
  id: int,
  version: int,
  turnId: int,
  turn: str,
  requester: str,
  taker: { type: ['string', 'null'] },
  message: str,
  status: coverStatus,
  canTake: { type: 'boolean' },
  canDecide: { type: 'boolean' },
  canCancel: { type: 'boolean' },
});

export const myDayPaths = {
  '/api/v1/turns/{id}/swap-options': {
    get: {
      summary: "The swaps and gives of the caller's own coming published turn that pass every hard rule for both people",
      description:
        'Each option, sent as it is to POST /api/v1/swaps ({turnId, targetId, otherTurnId}), answers 201 unless the roster changed in between (409 or 422 with the reason). otherTurnId null: the colleague takes the turn (give). start, end and service describe the turn the caller gets in exchange, or for a give the turn given away.',
      parameters: [pathId],
      responses: {
        200: {
          description: 'The options',
          ...json({
            type: 'array',
            items: obj(['targetId', 'otherTurnId', 'start', 'end', 'service'], {
              targetId: int,
              otherTurnId: { type: ['integer', 'null'] },
              start: instant,
              end: instant,
              service: str,
            }),
          }),
        },
        ...errors(401, 403, 404),
      },
    },
  },
  '/api/v1/covers': {
    get: {
      summary: "Cover offers the caller sees: their own, open ones they may take, their city's for supervisors",
      responses: { 200: { description: 'The covers', ...json({ type: 'array', items: cover }) }, ...errors(401) },
    },
    post: {
      summary: 'Offer one of my coming published turns to anyone eligible (an adviser)',
      requestBody: json(obj(['turnId'], { turnId: int, message: str })),
      responses: { 201: { description: '{id, status: "open", version}', ...json({ type: 'object' }) }, ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/covers/{id}/take': {
    post: {
      summary: 'Take an open cover; the first taker wins, a second at the same moment gets 409',
      description:
        'Skill, language, rest, absence, overlap and weekly maximum are checked by the validator (422). Applied at once when the service needs no approval (status "approved"), otherwise "taken" until a supervisor decides.',
      parameters: [pathId],
      requestBody: json(obj(['version'], { version })),
      responses: { 201: { description: '{id, status}', ...json({ type: 'object' }) }, ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/covers/{id}/decision': {
    post: {
      summary: "A supervisor of the turn's city (or an admin) approves or declines a taken cover",
      parameters: [pathId],
      requestBody: json(obj(['decision', 'version'], { decision: { enum: ['approve', 'decline'] }, version })),
      responses: { 200: { description: '{id, status}', ...json({ type: 'object' }) }, ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/covers/{id}/cancel': {
    post: {
      summary: 'The offering adviser withdraws an open or taken cover',
      parameters: [pathId],
      requestBody: json(obj(['version'], { version })),
      responses: { 200: { description: '{id, status: "cancelled"}', ...json({ type: 'object' }) }, ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/v1/profile/reminder': {
    put: {
      summary: 'My reminder of turns: off, the working day before at 15:00 Helsinki time (default), or 1, 2 or 7 days before',
      requestBody: json(obj(['reminder'], { reminder: { enum: ['off', 'working_day', '1', '2', '7'] } })),
      responses: { 200: { description: '{reminder}', ...json({ type: 'object' }) }, ...errors(400, 401) },
    },
  },
  '/api/v1/services/{id}/approval': {
    put: {
      summary: "Whether a service's swaps and covers need a supervisor's approval (admin)",
      parameters: [pathId],
      requestBody: json(obj(['swapsNeedApproval', 'version'], { swapsNeedApproval: { type: 'boolean' }, version })),
      responses: { 200: { description: '{id, swapsNeedApproval, version}', ...json({ type: 'object' }) }, ...errors(400, 401, 403, 404, 409) },
    },
  },
};
