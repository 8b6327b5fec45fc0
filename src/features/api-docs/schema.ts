/** Builders the OpenAPI fragments of the features share (each feature describes its own paths with them). */
export type Schema = Record<string, unknown>;

export const json = (s: Schema) => ({ content: { 'application/json': { schema: s } } });
export const error = json({ $ref: '#/components/schemas/Error' });
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: 'Error', ...error }]));
export const obj = (required: string[], properties: Record<string, Schema>): Schema => ({ type: 'object', required, properties });
export const int: Schema = { type: 'integer' };
export const str: Schema = { type: 'string' };
export const date: Schema = { type: 'string', format: 'date' };
export const instant: Schema = { type: 'string', format: 'date-time' };
export const pathId = { in: 'path', name: 'id', required: true, schema: int };
export const query = (name: string, schema: Schema, required = false) => ({ in: 'query', name, required, schema });
