/**
 * The OpenAPI 3.1 description of the JSON API (served at /api/v1/openapi.json).
 * Written out by hand: it is the versioned contract of ../shared/API.md, and a
 * generator from zod schemas would let an internal refactor change it silently.
 * tests/openapi.test.ts checks that every /api/v1 route in the route table is described.
 */
import { workflowPaths } from '../workflow/openapi.js';
import { webhookEvents, webhookPaths } from '../webhooks/openapi.js';
import { myDayPaths } from '../my-day/openapi.js';
import { planningPaths } from '../planning/openapi.js';
import { userPaths } from '../users/openapi.js';
import { inboxPaths } from '../notifications/openapi.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (s: Schema): Schema => ({ type: 'array', items: s });
const date: Schema = { type: 'string', format: 'date', example: '2027-03-25' };
const instant: Schema = { type: 'string', format: 'date-time', example: '2027-03-25T09:00:00+02:00' };
const json = (s: Schema) => ({ content: { 'application/json': { schema: s } } });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? 'Error', ...json(ref('Error')) }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'Bad input (details list the fields)',
  401: 'No or bad token',
  403: 'The role forbids it',
  404: 'Unknown id',
  409: 'Stale version or conflict',
  422: 'Well-formed but breaks a rule (details list the violations)',
};
const query = (name: string, schema: Schema, required = false, description = '') => ({ in: 'query', name, required, schema, description });
const pathId = { in: 'path', name: 'id', required: true, schema: { type: 'integer' } };
const ifMatch = { in: 'header', name: 'If-Match', schema: { type: 'string', example: '"3"' } };

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'vuoro API',
    version: '1.0.0',
    description:
      'Shared advisory rotas of Helsinki, Espoo and Vantaa. Authenticate with `Authorization: Bearer <token>` ' +
      '(create one on the API tokens page or with `npm run cli -- create-token --user NAME`). Dates are local dates in ' +
      'Europe/Helsinki (YYYY-MM-DD); instants are ISO 8601 with offset. Every mutable object has an integer `version`; ' +
      'a write carries the version it read (`If-Match: "<version>"` or `version` in the body) and gets 409 if it is stale.',
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }],
  paths: {
    '/healthz': {
      get: {
        summary: 'Health: the database can be read and written',
        security: [],
        responses: {
          200: { description: 'OK', ...json({ type: 'object', properties: { status: { const: 'ok' } } }) },
          503: {
            description: 'The database cannot be read or written',
            ...json({ type: 'object', properties: { status: { const: 'unavailable' }, database: { enum: ['unreadable', 'unwritable'] } } }),
          },
        },
      },
    },
    '/api/v1/cities': {
      get: { summary: 'Cities with the shares in force today', responses: { 200: { description: 'Cities', ...json(arrayOf(ref('City'))) }, ...errors(401) } },
      post: {
        summary: 'Create a city (admin)',
        requestBody: json(ref('CityInput')),
        responses: { 201: { description: 'Created', ...json(ref('City')) }, ...errors(400, 401, 403, 409) },
      },
    },
    '/api/v1/cities/{id}': {
      get: { summary: 'One city', parameters: [pathId], responses: { 200: { description: 'City', ...json(ref('City')) }, ...errors(401, 404) } },
      patch: {
        summary: 'Update a city (admin; partial, with version)',
        parameters: [pathId, ifMatch],
        requestBody: json(ref('CityInput')),
        responses: { 200: { description: 'Updated', ...json(ref('City')) }, ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/services': {
      get: { summary: 'Services', responses: { 200: { description: 'Services', ...json(arrayOf(ref('Service'))) }, ...errors(401) } },
      post: {
        summary: 'Create a service (admin)',
        requestBody: json(ref('ServiceInput')),
        responses: { 201: { description: 'Created', ...json(ref('Service')) }, ...errors(400, 401, 403, 409) },
      },
    },
    '/api/v1/services/{id}': {
      get: {
        summary: 'One service with its weekly pattern',
        parameters: [pathId],
        responses: { 200: { description: 'Service', ...json(ref('Service')) }, ...errors(401, 404) },
      },
      patch: {
        summary: 'Update a service (admin; partial, with version)',
        parameters: [pathId, ifMatch],
        requestBody: json(ref('ServiceInput')),
        responses: { 200: { description: 'Updated', ...json(ref('Service')) }, ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/services/{id}/templates': {
      put: {
        summary: "Replace a service's weekly pattern (admin)",
        parameters: [pathId],
        requestBody: json({ type: 'object', required: ['templates'], properties: { version: { type: 'integer' }, templates: arrayOf(ref('Template')) } }),
        responses: { 200: { description: 'The service', ...json(ref('Service')) }, ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/services/{id}/shares': {
      get: {
        summary: 'Share history of a service',
        parameters: [pathId],
        responses: { 200: { description: 'Shares', ...json(arrayOf({ type: 'object' })) }, ...errors(401, 404) },
      },
      post: {
        summary: 'Set shares from a date: an admin applies them (201), a supervisor proposes them for the other cities to approve (202)',
        parameters: [pathId],
        requestBody: json({
          type: 'object',
          required: ['validFrom', 'shares'],
          properties: {
            validFrom: date,
            shares: { type: 'object', additionalProperties: { type: 'number' }, example: { helsinki: 0.5, espoo: 0.25, vantaa: 0.25 } },
          },
        }),
        responses: { 201: { description: 'Applied' }, 202: { description: 'Proposed' }, ...errors(400, 401, 403, 404, 422) },
      },
    },
    '/api/v1/advisers': {
      get: { summary: 'Advisers', responses: { 200: { description: 'Advisers', ...json(arrayOf(ref('Adviser'))) }, ...errors(401) } },
      post: {
        summary: 'Create an adviser',
        requestBody: json(ref('AdviserInput')),
        responses: { 201: { description: 'Created', ...json(ref('Adviser')) }, ...errors(400, 401, 403) },
      },
    },
    '/api/v1/advisers/{id}': {
      get: {
        summary: 'One adviser (ETag: its version)',
        parameters: [pathId],
        responses: { 200: { description: 'Adviser', ...json(ref('Adviser')) }, ...errors(401, 404) },
      },
      patch: {
        summary: 'Update an adviser (partial, with version)',
        parameters: [pathId, { in: 'header', name: 'If-Match', schema: { type: 'string', example: '"3"' } }],
        requestBody: json({ ...ref('AdviserPatch') }),
        responses: { 200: { description: 'Updated', ...json(ref('Adviser')) }, ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/absences': {
      get: {
        summary: 'Absences',
        parameters: [query('adviserId', { type: 'integer' })],
        responses: { 200: { description: 'Absences', ...json(arrayOf(ref('Absence'))) }, ...errors(400, 401) },
      },
      post: {
        summary: 'Enter an absence: draft assignments in it become open, published ones are flagged',
        requestBody: json(ref('AbsenceInput')),
        responses: { 201: { description: 'Created', ...json(ref('Absence')) }, ...errors(400, 401, 403, 404) },
      },
    },
    '/api/v1/absences/{id}': {
      delete: { summary: 'Remove an absence', parameters: [pathId], responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404) } },
    },
    '/api/v1/closures': {
      get: {
        summary: 'Holidays and closed days',
        parameters: [query('from', date, true), query('to', date, true)],
        responses: { 200: { description: 'Closed days', ...json(arrayOf(ref('Closure'))) }, ...errors(400, 401) },
      },
      post: {
        summary: 'Add a closed day (admin)',
        requestBody: json({
          type: 'object',
          required: ['date', 'nameFi', 'nameSv', 'nameEn'],
          properties: { date, nameFi: { type: 'string' }, nameSv: { type: 'string' }, nameEn: { type: 'string' } },
        }),
        responses: { 201: { description: 'Created', ...json(ref('Closure')) }, ...errors(400, 401, 403, 409) },
      },
    },
    '/api/v1/closures/{id}': {
      delete: { summary: 'Remove an added closed day (admin)', parameters: [pathId], responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404) } },
    },
    '/api/v1/rosters/generate': {
      post: {
        summary: 'Fill the turns of a range as a draft, keeping pinned and published assignments',
        requestBody: json(ref('Range')),
        responses: { 200: { description: 'Generated', ...json(ref('GenerateResult')) }, ...errors(400, 401, 403) },
      },
    },
    '/api/v1/rosters/publish': {
      post: {
        summary:
          'Publish the draft of a range. A supervisor gets 409 acceptance_missing (details name each city code) until every city with drafts in the range has accepted its part; an admin may publish without, logged as an override with overrideReason',
        requestBody: json(ref('Range')),
        responses: { 200: { description: 'Published', ...json(ref('PublishResult')) }, ...errors(400, 401, 403, 409, 422) },
      },
    },
    '/api/v1/turns': {
      get: {
        summary: 'Turns of a range',
        parameters: [
          query('from', date, true),
          query('to', date, true),
          query('service', { type: 'string' }, false, 'service code'),
          query('city', { type: 'string' }, false, 'city code'),
        ],
        responses: { 200: { description: 'Turns', ...json(arrayOf(ref('Turn'))) }, ...errors(400, 401) },
      },
    },
    '/api/v1/turns/{id}/assignments': {
      put: {
        summary:
          "Set a turn's advisers by hand (pinned); 422 if a hard rule would break, unless an admin gives overrideReason (a supervisor's override is 403)",
        parameters: [pathId],
        requestBody: json({
          type: 'object',
          required: ['adviserIds', 'version'],
          properties: {
            adviserIds: arrayOf({ type: 'integer' }),
            version: { type: 'integer' },
            overrideReason: { type: 'string', maxLength: 500, description: 'admin only: save despite hard errors; kept in the change log' },
          },
        }),
        responses: { 200: { description: 'The turn', ...json(ref('Turn')) }, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    '/api/v1/on-duty': {
      get: {
        summary: 'Who is on duty',
        parameters: [query('service', { type: 'string' }, true, 'service code'), query('at', instant, false, 'defaults to now')],
        responses: { 200: { description: 'On duty', ...json(ref('OnDuty')) }, ...errors(400, 401) },
      },
    },
    '/api/v1/fairness': {
      get: {
        summary: 'How turns were shared between cities and advisers',
        parameters: [query('service', { type: 'string' }, true), query('from', date, true), query('to', date, true)],
        responses: { 200: { description: 'Fairness', ...json(ref('Fairness')) }, ...errors(400, 401) },
      },
    },
    '/api/v1/calendar-tokens': {
      get: {
        summary: 'Your calendar feed links (never the tokens themselves)',
        responses: { 200: { description: 'Feeds', ...json(arrayOf({ type: 'object' })) }, ...errors(401) },
      },
      post: {
        summary: 'Create a calendar feed link',
        requestBody: json({
          type: 'object',
          required: ['scope', 'id'],
          properties: { scope: { enum: ['adviser', 'city', 'service'] }, id: { type: 'integer' }, language: { enum: ['fi', 'sv', 'en'], default: 'fi' } },
        }),
        responses: {
          201: {
            description: 'Created',
            ...json({ type: 'object', properties: { token: { type: 'string' }, httpsUrl: { type: 'string' }, webcalUrl: { type: 'string' } } }),
          },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    '/api/v1/calendar-tokens/{id}': {
      delete: {
        summary: 'Revoke one of your calendar feed links',
        parameters: [pathId],
        responses: { 204: { description: 'Revoked' }, ...errors(401, 403, 404) },
      },
    },
    '/calendar/{token}.ics': {
      get: {
        summary: 'An iCalendar feed (capability URL; no other authentication)',
        security: [],
        parameters: [{ in: 'path', name: 'token', required: true, schema: { type: 'string' } }],
        responses: {
          200: { description: 'text/calendar; charset=utf-8' },
          304: { description: 'Not modified (ETag)' },
          404: { description: 'Unknown or revoked token' },
        },
      },
    },
    ...workflowPaths,
    ...webhookPaths,
    ...myDayPaths,
    ...planningPaths,
    ...userPaths,
    ...inboxPaths,
  },
  webhooks: webhookEvents,
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message', 'details'],
            properties: { code: { type: 'string' }, message: { type: 'string' }, details: arrayOf({ type: 'object' }) },
          },
        },
      },
      City: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          code: { type: 'string' },
          name: { type: 'string' },
          shares: { type: 'object', additionalProperties: { type: 'number' }, example: { phone: 0.5, email: 0.25, change_security: 0.25 } },
        },
      },
      Service: {
        type: 'object',
        properties: { id: { type: 'integer' }, code: { type: 'string' }, name: { type: 'string' }, rotationUnit: { enum: ['turn', 'day', 'week'] } },
      },
      CityInput: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          nameFi: { type: 'string' },
          nameSv: { type: 'string' },
          nameEn: { type: 'string' },
          colour: { type: 'string', example: '#0072c6' },
          active: { type: 'boolean' },
          version: { type: 'integer' },
        },
      },
      ServiceInput: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          nameFi: { type: 'string' },
          nameSv: { type: 'string' },
          nameEn: { type: 'string' },
          rotationUnit: { enum: ['turn', 'day', 'week'] },
          active: { type: 'boolean' },
          version: { type: 'integer' },
        },
      },
      Template: {
        type: 'object',
        required: ['weekday', 'start', 'end', 'headcount'],
        properties: {
          weekday: { type: 'integer', minimum: 1, maximum: 7 },
          start: { type: 'string', example: '09:00' },
          end: { type: 'string', example: '12:00' },
          headcount: { type: 'integer' },
          language: { type: ['string', 'null'], example: 'sv' },
        },
      },
      AdviserInput: {
        type: 'object',
        required: ['name', 'email', 'cityId', 'skills', 'languages', 'maxHoursPerWeek'],
        properties: {
          name: { type: 'string', maxLength: 200 },
          email: { type: 'string', format: 'email' },
          cityId: { type: 'integer' },
          skills: arrayOf({ type: 'string', description: 'service code' }),
          languages: arrayOf({ type: 'string', example: 'sv' }),
          maxHoursPerWeek: { type: 'number', exclusiveMinimum: 0, maximum: 60 },
          active: { type: 'boolean' },
        },
      },
      AdviserPatch: { type: 'object', description: 'Any AdviserInput fields, plus version (or If-Match)', properties: { version: { type: 'integer' } } },
      Adviser: { allOf: [ref('AdviserInput'), { type: 'object', properties: { id: { type: 'integer' }, version: { type: 'integer' } } }] },
      AbsenceInput: {
        type: 'object',
        required: ['adviserId', 'from', 'to'],
        properties: { adviserId: { type: 'integer' }, from: date, to: date, reason: { type: 'string', maxLength: 200 } },
      },
      Absence: { allOf: [ref('AbsenceInput'), { type: 'object', properties: { id: { type: 'integer' } } }] },
      Closure: { type: 'object', properties: { date, name: { type: 'string' }, kind: { enum: ['holiday', 'closure'] } } },
      Range: { type: 'object', required: ['from', 'to'], properties: { from: date, to: date } },
      Violation: {
        type: 'object',
        properties: {
          code: { type: 'string', example: 'rest_violation' },
          severity: { enum: ['error', 'warning'] },
          turnId: { type: 'integer' },
          adviserId: { type: ['integer', 'null'] },
          message: { type: 'string' },
        },
      },
      GenerateResult: {
        type: 'object',
        properties: {
          from: date,
          to: date,
          turns: { type: 'integer' },
          assigned: { type: 'integer' },
          open: { type: 'integer' },
          violations: { ...arrayOf(ref('Violation')), description: 'hard rules broken (severity "error" only); publishing refuses them' },
          warnings: { ...arrayOf(ref('Violation')), description: 'soft goals missed (severity "warning": undesired_day, consecutive_days, load_imbalance)' },
          level1: {
            ...arrayOf({
              type: 'object',
              properties: { service: { type: 'string' }, maxPrefixDeviationHours: { type: 'number' }, optimal: { type: 'boolean' } },
            }),
            description: 'per service: the largest deviation in hours of a city ledger over every prefix of the range, and whether it is proven optimal',
          },
          level2: {
            type: 'object',
            properties: { solver: { enum: ['highs', 'unavailable'] }, exactBlocks: { type: 'integer' }, seatsGained: { type: 'integer' } },
            description: 'whether the exact per city-week model ran; "unavailable": repair and local search only',
          },
          openSeats: {
            ...arrayOf({
              type: 'object',
              properties: {
                turnId: { type: ['integer', 'null'] },
                service: { type: 'string' },
                city: { type: ['string', 'null'] },
                start: instant,
                open: { type: 'integer' },
                candidates: arrayOf({
                  type: 'object',
                  properties: {
                    adviserId: { type: 'integer' },
                    rule: { enum: ['inactive', 'absent', 'language', 'on_turn', 'overlap', 'weekly_max', 'rest'] },
                  },
                }),
              },
            }),
            description: 'each seat left open, with every adviser of the holding city who has the skill and the hard rule that blocks them',
          },
        },
      },
      PublishResult: { type: 'object', properties: { from: date, to: date, published: { type: 'integer' } } },
      Turn: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          service: { type: 'string' },
          city: { type: ['string', 'null'] },
          start: instant,
          end: instant,
          headcount: { type: 'integer' },
          language: { type: ['string', 'null'] },
          status: { enum: ['draft', 'published'] },
          version: { type: 'integer' },
          assignments: arrayOf({ type: 'object', properties: { id: { type: 'integer' }, adviserId: { type: 'integer' }, pinned: { type: 'boolean' } } }),
        },
      },
      OnDuty: {
        type: 'object',
        properties: {
          service: { type: 'string' },
          at: instant,
          turn: { oneOf: [ref('Turn'), { type: 'null' }] },
          city: { type: ['string', 'null'] },
          advisers: arrayOf({ type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } }),
        },
      },
      Fairness: {
        type: 'object',
        properties: {
          service: { type: 'string' },
          cities: arrayOf({
            type: 'object',
            properties: {
              city: { type: 'string' },
              share: { type: 'number' },
              targetHours: { type: 'number' },
              actualHours: { type: 'number' },
              deviationHours: { type: 'number' },
              maxPrefixDeviationTurns: { type: 'number' },
            },
          }),
          advisers: arrayOf({
            type: 'object',
            properties: { adviserId: { type: 'integer' }, turns: { type: 'integer' }, hours: { type: 'number' }, normalisedLoad: { type: 'number' } },
          }),
        },
      },
    },
  },
} as const;
