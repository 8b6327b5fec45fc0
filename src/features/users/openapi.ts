/** The users' part of the OpenAPI document, merged into api-docs/openapi.ts. */
type Schema = Record<string, unknown>;

const json = (s: Schema) => ({ content: { 'application/json': { schema: s } } });
const error = { description: 'Error', ...json({ $ref: '#/components/schemas/Error' }) };
const nullableInt: Schema = { type: ['integer', 'null'] };

export const userPaths: Record<string, Record<string, Schema>> = {
  '/api/v1/users': {
    get: {
      summary: 'All user accounts (admin)',
      responses: {
        200: {
          description: 'Users, by role and username',
          ...json({
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'username', 'name', 'role', 'cityId', 'adviserId', 'active', 'version'],
              properties: {
                id: { type: 'integer' },
                username: { type: 'string' },
                name: { type: 'string' },
                role: { type: 'string', enum: ['admin', 'supervisor', 'adviser'] },
                cityId: nullableInt,
                adviserId: nullableInt,
                active: { type: 'boolean' },
                version: { type: 'integer' },
              },
            },
          }),
        },
        401: error,
        403: error,
      },
    },
  },
};
