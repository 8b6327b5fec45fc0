import { z } from 'zod';
import {
  checkbox,
  checkboxes,
  email,
  id,
  integer,
  language,
  optionalIsoDate,
  optionalText,
  parseForm,
  text,
  type FieldErrors,
  type Parsed,
} from '../../http/validation.js';
import type { Translate } from '../../i18n/index.js';

const hours = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.replace(',', '.'))) : v),
    z.number({ message: 'errors.fieldNumber' }).finite('errors.fieldNumber').gt(0).max(60),
  );
const weekday = () => integer(1, 7);
const serviceCode = () => z.string().trim().min(1).max(40);

const base = {
  name: text(200),
  email: email(),
  cityId: id(),
  maxHoursPerWeek: hours(),
  activeFrom: optionalIsoDate(),
  activeTo: optionalIsoDate(),
};

/** What the rules take, from a form or from JSON. */
export interface AdviserInput {
  name: string;
  email: string;
  cityId: number;
  skills: string[];
  languages: string[];
  maxHoursPerWeek: number;
  active: boolean;
  activeFrom?: string | undefined;
  activeTo?: string | undefined;
  desired: number[];
  undesired: number[];
}

const splitCodes = (s: string) =>
  s
    .split(/[\s,;|]+/)
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);

/** The HTML form: checkboxes for skills, fi/sv/en and weekdays, and a text field for other languages. */
export const AdviserForm = z
  .object({
    ...base,
    skills: checkboxes(serviceCode()),
    languages: checkboxes(language()),
    otherLanguages: optionalText(100).refine((s) => splitCodes(s).every((c) => /^[a-z]{2}$/.test(c)), 'advisers.otherLanguagesInvalid'),
    active: checkbox(),
    desired: checkboxes(weekday()),
    undesired: checkboxes(weekday()),
  })
  .transform(({ otherLanguages, ...rest }): AdviserInput => ({ ...rest, languages: [...new Set([...rest.languages, ...splitCodes(otherLanguages)])] }));

/** The JSON API: skills as service codes; active defaults to true. */
export const AdviserJson = z.object({
  ...base,
  skills: z.array(serviceCode()).max(50).default([]),
  languages: z.array(language()).max(20),
  active: z.boolean().default(true),
  desired: z.array(weekday()).max(7).default([]),
  undesired: z.array(weekday()).max(7).default([]),
});

/**
 * Parses and cross-checks adviser input. Hours get their own message because
 * the shared "at least {min}" would read "at least 0" for an input of 0.
 */
export function parseAdviser(schema: typeof AdviserForm | typeof AdviserJson, input: unknown, t: Translate): Parsed<AdviserInput> {
  const parsed = parseForm(schema, input, t);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  if (errors.maxHoursPerWeek) errors.maxHoursPerWeek = t('advisers.hoursRange');
  if (errors.otherLanguages) errors.otherLanguages = t('advisers.otherLanguagesInvalid');
  for (const key of Object.keys(errors)) {
    if (/^languages\.\d+$/.test(key)) {
      errors.languages ??= t('advisers.languageInvalid');
      delete errors[key];
    }
  }
  if (parsed.ok) {
    const d = parsed.data;
    if (d.languages.length === 0) errors.languages = t('advisers.languageRequired');
    if (d.activeFrom && d.activeTo && d.activeFrom > d.activeTo) errors.activeTo = t('errors.fromAfterTo');
    if (d.desired.some((w) => d.undesired.includes(w))) errors.undesired = t('advisers.weekdayBoth');
  }
  if (parsed.ok && Object.keys(errors).length === 0) return parsed;
  return { ok: false, errors };
}

/** The version a write carries: `version` in the body, else If-Match: "<n>". */
export function versionOf(body: unknown, ifMatch: string | undefined): number | null {
  const fromBody = (body as Record<string, unknown> | undefined)?.version;
  const raw = fromBody ?? (ifMatch ? ifMatch.replace(/^W\//, '').replace(/"/g, '').trim() : undefined);
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}
