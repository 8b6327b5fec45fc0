import { DateTime } from 'luxon';
import { z } from 'zod';
import { code } from '../../http/validation.js';

// In a query string an unencoded "+" of an offset arrives as a space: accept it.
const restorePlus = (v: unknown) => (typeof v === 'string' ? v.replace(/ (\d{2}(:?\d{2})?)$/, '+$1') : v);
const OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** An ISO 8601 instant with a time and an explicit offset (Z or ±hh:mm). */
const instant = () =>
  z.preprocess(
    restorePlus,
    z
      .string()
      .max(40, 'errors.fieldTooLong')
      .refine((s) => s.includes('T') && OFFSET.test(s) && DateTime.fromISO(s, { setZone: true }).isValid, 'errors.fieldInvalid')
      .transform((s) => DateTime.fromISO(s, { setZone: true }).toJSDate()),
  );

export const OnDutyQuery = z.object({
  service: code(),
  at: z.preprocess((v) => (v === '' ? undefined : v), instant().optional()),
});
