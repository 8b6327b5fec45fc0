import { z } from 'zod';
import { id, isoDate, optionalText, parseForm, type FieldErrors, type Parsed } from '../../http/validation.js';
import type { Translate } from '../../i18n/index.js';
import { daysBetween } from '../../time/zone.js';

/** Inclusive: a year's leave including 29 February fits. */
export const MAX_ABSENCE_DAYS = 366;

export const AbsenceInput = z.object({
  adviserId: id(),
  from: isoDate(),
  to: isoDate(),
  reason: optionalText(200),
});
export type AbsenceInput = z.output<typeof AbsenceInput>;

export function parseAbsence(input: unknown, t: Translate): Parsed<AbsenceInput> {
  const parsed = parseForm(AbsenceInput, input, t);
  if (!parsed.ok) return parsed;
  const { from, to } = parsed.data;
  const errors: FieldErrors = {};
  if (from > to) errors.to = t('errors.fromAfterTo');
  else if (daysBetween(from, to) + 1 > MAX_ABSENCE_DAYS) errors.to = t('errors.rangeTooLong', { max: MAX_ABSENCE_DAYS });
  return Object.keys(errors).length ? { ok: false, errors } : parsed;
}
