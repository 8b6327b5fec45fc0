/** The inbox's part of the OpenAPI document, merged into api-docs/openapi.ts. */
type Schema = Record<string, unknown>;

const json = (s: Schema) => ({ content: { 'application/json': { schema: s } } });
const error = { description: 'Error', ...json({ $ref: '#/components/schemas/Error' }) };

export const inboxPaths: Record<string, Record<string, Schema>> = {
  '/api/v1/inbox': {
    get: {
      summary: 'The caller’s own messages, newest first, 50 a page',
      parameters: [{ in: 'query', name: 'page', required: false, schema: { type: 'integer', minimum: 1 } }],
      responses: {
        200: {
          description: 'Messages; the header X-Total-Count gives the number of all of them',
          headers: { 'X-Total-Count': { schema: { type: 'integer' } } },
          ...json({
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'subject', 'body', 'createdAt', 'read', 'readAt'],
              properties: {
                id: { type: 'integer' },
                subject: { type: 'string' },
                body: { type: 'string' },
                createdAt: { type: 'string', format: 'date-time' },
                read: { type: 'boolean' },
                readAt: { type: ['string', 'null'], format: 'date-time' },
              },
            },
          }),
        },
        400: error,
        401: error,
      },
    },
  },
};
