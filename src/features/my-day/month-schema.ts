import { z } from 'zod';

const blank = (v: unknown) => (v === '' ? undefined : v);
export const MonthQuery = z.object({
  month: z.preprocess(
    blank,
    z
      .string()
      .regex(/^(199\d|20\d\d|2100)-(0[1-9]|1[0-2])$/, 'errors.fieldInvalid')
      .optional(),
  ),
});
