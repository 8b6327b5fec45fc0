/**
 * The planning period's part of the OpenAPI document (cross-city acceptance,
 * the change log, users, inbox, the Excel export), merged into api-docs/openapi.ts.
 */
import { json, errors, obj, int, str, date, query, type Schema } from '../api-docs/schema.js';

export const planningPaths: Record<string, Record<string, Schema>> = {
  '/api/v1/changes': {
    get: {
      summary:
        'The change log, newest first, paged: pass `next` as cursor for the next page; summary, labels and before/after are words in the caller’s language',
      parameters: [query('from', date), query('to', date), query('type', str), query('actor', int), query('cursor', int)],
      responses: {
        200: {
          description: '{items: [{id, at, actor: {id, name}, type, object: {type, id, label}, summary, before, after}], next}',
          ...json({ type: 'object' }),
        },
        ...errors(400, 401, 403),
      },
    },
  },
  '/api/v1/rosters/accept': {
    post: {
      summary:
        'A city accepts its part of a draft range (a supervisor their own city, an admin any); a later change to that part withdraws it and tells the city’s supervisor',
      requestBody: json(obj(['from', 'to', 'city'], { from: date, to: date, city: { type: 'string', description: 'city code' } })),
      responses: {
        200: {
          description: 'Accepted',
          ...json(
            obj(['from', 'to', 'city', 'acceptedAt', 'drafts'], {
              from: date,
              to: date,
              city: str,
              acceptedAt: { type: 'string', format: 'date-time' },
              drafts: int,
            }),
          ),
        },
        ...errors(400, 401, 403),
      },
    },
  },
};
