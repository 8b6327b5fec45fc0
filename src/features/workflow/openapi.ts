/**
 * The workflow's part of the OpenAPI document (publication preview, city
 * moves, swaps, requests, replacements), merged into api-docs/openapi.ts.
 */
import { json, errors, obj, int, str, date, pathId, type Schema } from '../api-docs/schema.js';

const version: Schema = { type: 'integer', description: 'the version read; a stale one gets 409 naming who changed it and when' };
const ok = (description: string) => ({ 200: { description, ...json({ type: 'object' }) } });

export const workflowPaths = {
  '/api/v1/rosters/publish-preview': {
    get: {
      summary: 'What publishing a range would change per adviser (added, moved, removed) and the errors that would refuse it',
      parameters: [
        { in: 'query', name: 'from', required: true, schema: date },
        { in: 'query', name: 'to', required: true, schema: date },
      ],
      responses: { ...ok('{from, to, drafts, fingerprint, advisers, errors}; send fingerprint as "previewed" when publishing'), ...errors(400, 401, 403) },
    },
  },
  '/api/v1/turns/{id}/city-move': {
    post: {
      summary: 'Ask another city to take a turn over (its supervisor accepts or declines)',
      parameters: [pathId],
      requestBody: json(obj(['cityId', 'version'], { cityId: int, version, reason: str })),
      responses: { 201: { description: 'The pending request', ...json({ type: 'object' }) }, ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/v1/city-moves/{id}/decision': {
    post: {
      summary: 'Accept (receiving city) or decline a move; accepting pins the turn to the city and clears advisers it did not set',
      parameters: [pathId],
      requestBody: json(obj(['decision'], { decision: { enum: ['accept', 'decline'] }, version })),
      responses: { ...ok('The decision'), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/v1/requests': {
    get: { summary: 'City moves and swaps that concern the caller; expiry computed now', responses: { ...ok('{moves, swaps}'), ...errors(401) } },
  },
  '/api/v1/swaps': {
    post: {
      summary: 'An adviser asks a colleague to take a published turn (give) or to exchange it for one of theirs (swap)',
      requestBody: json(obj(['turnId', 'targetId'], { turnId: int, targetId: int, otherTurnId: int, message: str })),
      responses: { 201: { description: 'The pending request', ...json({ type: 'object' }) }, ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/swaps/{id}/response': {
    post: {
      summary: 'The asked colleague accepts or refuses',
      parameters: [pathId],
      requestBody: json(obj(['decision'], { decision: { enum: ['accept', 'refuse'] }, version })),
      responses: { ...ok('The answer'), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/v1/swaps/{id}/cancel': {
    post: {
      summary: 'The asker withdraws a request not yet applied (waiting for the colleague or the supervisors); the colleague is told',
      parameters: [pathId],
      requestBody: json(obj(['version'], { version })),
      responses: { ...ok('{id, status: "cancelled"}'), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/v1/swaps/{id}/decision': {
    post: {
      summary: "A supervisor of a city concerned approves or declines; with every city's approval the swap is applied if the validator passes",
      parameters: [pathId],
      requestBody: json(obj(['decision'], { decision: { enum: ['approve', 'decline'] }, version })),
      responses: { ...ok('{id, status}'), ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/absences/{id}/replacements': {
    get: {
      summary: 'Published turns an absence hits, with ranked replacement candidates (free, allowed, least loaded this week first)',
      parameters: [pathId],
      responses: { ...ok('The affected turns'), ...errors(401, 403, 404) },
    },
    post: {
      summary: "Put a candidate on an affected turn in the absent adviser's place",
      parameters: [pathId],
      requestBody: json(obj(['turnId', 'adviserId', 'version'], { turnId: int, adviserId: int, version })),
      responses: { ...ok('{turnId, version, adviserIds}'), ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
} as const;
