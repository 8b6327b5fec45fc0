import { z } from 'zod';
import { id, integer, optionalIsoDate } from '../../http/validation.js';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** The change log's GET form; empty fields mean "any". */
export const ChangeFilterQuery = z
  .object({
    from: optionalIsoDate(),
    to: optionalIsoDate(),
    city: optional(id()),
    adviser: optional(id()),
    kind: optional(z.string().regex(/^[a-z][a-z_]{0,39}\.[a-z][a-z_]{0,39}$/, 'errors.fieldChoice')),
    page: optional(integer(1, 1_000_000)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'errors.fromAfterTo' });
export type ChangeFilterQuery = z.output<typeof ChangeFilterQuery>;

export const MinePageQuery = z.object({ page: optional(integer(1, 1_000_000)) });

/** GET /api/v1/changes: type is a change kind, actor a user id, cursor the `next` of the previous page. */
export const ChangesApiQuery = z.object({
  from: optionalIsoDate(),
  to: optionalIsoDate(),
  type: optional(z.string().regex(/^[a-z][a-z_]{0,39}\.[a-z][a-z_]{0,39}$/, 'errors.fieldChoice')),
  actor: optional(id()),
  cursor: optional(id()),
});
