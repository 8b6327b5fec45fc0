import { z } from 'zod';
import type { MessageKey, Translate } from '../i18n/index.js';
import { HttpError, type ErrorDetail } from './errors.js';

export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Turns a zod issue into a message in the user's language. */
function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  if (issue.message.startsWith('errors.')) {
    const params: Record<string, string | number> = {};
    if ('maximum' in issue) params.max = Number(issue.maximum);
    if ('minimum' in issue) params.min = Number(issue.minimum);
    return t(issue.message as MessageKey, params);
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === '' ? t('errors.fieldRequired') : t('errors.fieldInvalid');
    case 'too_big':
      return issue.origin === 'string' ? t('errors.fieldTooLong', { max: Number(issue.maximum) }) : t('errors.fieldTooBig', { max: Number(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? t('errors.fieldRequired') : t('errors.fieldTooShort', { min: Number(issue.minimum) });
      }
      if (issue.origin === 'array' && Number(issue.minimum) <= 1) return t('errors.fieldRequired');
      return t('errors.fieldTooSmall', { min: Number(issue.minimum) });
    case 'invalid_value':
      return t('errors.fieldChoice');
    case 'invalid_format':
      return issue.format === 'email' ? t('errors.fieldEmail') : t('errors.fieldInvalid');
    default:
      return t('errors.fieldInvalid');
  }
}

function fieldOf(issue: z.core.$ZodIssue): string {
  return issue.path.length ? issue.path.map(String).join('.') : '_form';
}

/** For forms: a map field → first message, to show beside each field. */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown, t: Translate): Parsed<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = fieldOf(issue);
    errors[field] ??= issueMessage(issue, t);
  }
  return { ok: false, errors };
}

/** For the JSON API: the parsed body, or a 400 with every problem listed. */
export function parseBody<S extends z.ZodType>(schema: S, input: unknown, t: Translate): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.map((issue) => ({ field: fieldOf(issue), code: issue.code, message: issueMessage(issue, t) }));
  throw new HttpError(400, 'validation_failed', 'errors.validation_failed', details);
}

/** A form's field errors as API details, for rules shared by forms and the API. */
export function toDetails(errors: FieldErrors): ErrorDetail[] {
  return Object.entries(errors).map(([field, message]) => ({ field, message }));
}

// Field builders shared by forms and the API. Forms send strings, so the
// builders accept strings and coerce; the API may send real numbers.
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date as YYYY-MM-DD (not 2027-02-30, not 2027-13-01). */
export const isRealDate = (s: string): boolean =>
  DATE_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
export const isoDate = () => z.string({ message: 'errors.fieldRequired' }).trim().min(1, 'errors.fieldRequired').refine(isRealDate, 'errors.fieldDate');
export const optionalIsoDate = () => z.preprocess((v) => (v === '' || v === null ? undefined : v), isoDate().optional());
export const wallTime = () =>
  z
    .string({ message: 'errors.fieldRequired' })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'errors.fieldTime');
export const text = (max: number) => z.string({ message: 'errors.fieldRequired' }).trim().min(1, 'errors.fieldRequired').max(max, 'errors.fieldTooLong');
export const optionalText = (max: number) => z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().trim().max(max, 'errors.fieldTooLong'));
export const number = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.replace(',', '.'))) : v),
    z.number({ message: 'errors.fieldNumber' }).finite('errors.fieldNumber').min(min, 'errors.fieldTooSmall').max(max, 'errors.fieldTooBig'),
  );
export const integer = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v)) : v),
    z.number({ message: 'errors.fieldNumber' }).int('errors.fieldNumber').min(min, 'errors.fieldTooSmall').max(max, 'errors.fieldTooBig'),
  );
export const id = () => integer(1, Number.MAX_SAFE_INTEGER);
/** A checkbox group: absent, one value or many. */
export const checkboxes = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(50));
/** A single checkbox in a form, or a boolean in JSON. */
export const checkbox = () => z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());
export const email = () =>
  z.string({ message: 'errors.fieldRequired' }).trim().min(1, 'errors.fieldRequired').max(254, 'errors.fieldTooLong').email('errors.fieldEmail');
export const code = () =>
  z
    .string({ message: 'errors.fieldRequired' })
    .trim()
    .min(1, 'errors.fieldRequired')
    .max(40, 'errors.fieldTooLong')
    .regex(/^[a-z][a-z0-9_]*$/, 'errors.fieldCode');
export const language = () => z.string().regex(/^[a-z]{2}$/, 'errors.fieldChoice');
