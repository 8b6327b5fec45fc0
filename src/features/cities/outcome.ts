import { HttpError } from '../../http/errors.js';
import type { FieldErrors } from '../../http/validation.js';
import type { MessageKey, Params, Translate } from '../../i18n/index.js';

/** A rule broken by otherwise well-formed input, tied to the field to show it beside. */
export interface Problem {
  field: string;
  key: MessageKey;
  params?: Params;
}

/** What a writing rule returns: rules know no language, so problems carry message keys. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[]; status: 400 | 409 | 422 };

export const success = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const failure = (status: 400 | 409 | 422, ...problems: Problem[]): Outcome<never> => ({ ok: false, problems, status });

/** Problems as form errors beside their fields. */
export function fieldErrors(problems: readonly Problem[], t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) errors[p.field] ??= t(p.key, p.params);
  return errors;
}

/** Problems as the API's error body: 400 bad input, 409 conflict, 422 broken rule. */
export function problemError(status: 400 | 409 | 422, problems: readonly Problem[], t: Translate): HttpError {
  const code = status === 400 ? 'validation_failed' : status === 409 ? 'conflict' : 'rule_violation';
  const details = problems.map((p) => ({ field: p.field, message: t(p.key, p.params) }));
  return new HttpError(status, code, `errors.${code}` as MessageKey, details);
}

/** Reads the version a write carries: If-Match: "<n>" or the body's version. */
export function versionFrom(ifMatch: string | undefined, body: unknown): number | undefined {
  const header = ifMatch
    ?.trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  if (header && /^\d+$/.test(header)) return Number(header);
  const v = (body as Record<string, unknown> | undefined)?.version;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v);
  return undefined;
}
