import { z } from 'zod';
import { isoDate } from '../../http/validation.js';
import { checkRange } from '../rosters/schemas.js';

const cityCode = () =>
  z
    .string()
    .trim()
    .min(1, 'errors.fieldRequired')
    .max(40, 'errors.fieldTooLong')
    .regex(/^[a-z][a-z0-9_]*$/, 'errors.fieldCode');

/** POST /api/v1/rosters/accept and the period page's accept buttons. */
export const AcceptBody = z.object({ from: isoDate(), to: isoDate(), city: cityCode() }).superRefine(checkRange);
export type AcceptBody = z.output<typeof AcceptBody>;
