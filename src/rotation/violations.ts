import type { MessageKey, Translate } from '../i18n/index.js';

export const ERROR_CODES = [
  'skill_missing',
  'language_missing',
  'absent',
  'closed_day',
  'overlap',
  'rest_violation',
  'weekly_hours_exceeded',
  'inactive_adviser',
  'understaffed',
  'wrong_city',
  'unknown_adviser',
] as const;
export const WARNING_CODES = ['undesired_day', 'consecutive_days', 'load_imbalance'] as const;
export type ViolationCode = (typeof ERROR_CODES)[number] | (typeof WARNING_CODES)[number];

/** One broken rule of a roster. Errors are hard rules; warnings are soft goals. */
export interface Violation {
  code: ViolationCode;
  severity: 'error' | 'warning';
  turnId: number | null;
  adviserId: number | null;
  serviceId: number | null;
  cityId: number | null;
  date: string | null;
  /** The turn's start instant, so a turn not stored yet is still identified. */
  start: string | null;
  params: Record<string, string | number>;
}

export function violation(code: ViolationCode, fields: Partial<Omit<Violation, 'code' | 'severity'>>): Violation {
  return {
    code,
    severity: (ERROR_CODES as readonly string[]).includes(code) ? 'error' : 'warning',
    turnId: fields.turnId ?? null,
    adviserId: fields.adviserId ?? null,
    serviceId: fields.serviceId ?? null,
    cityId: fields.cityId ?? null,
    date: fields.date ?? null,
    start: fields.start ?? null,
    params: fields.params ?? {},
  };
}

/** Names the message templates can refer to. */
export interface ViolationNames {
  adviser(id: number): string;
  service(id: number): string;
  city(id: number): string;
}

/** The violation as a sentence in the reader's language. */
export function describeViolation(v: Violation, t: Translate, names: ViolationNames): string {
  return t(`rotation.v_${v.code}` as MessageKey, {
    ...v.params,
    adviser: v.adviserId === null ? '' : names.adviser(v.adviserId),
    service: v.serviceId === null ? '' : names.service(v.serviceId),
    city: v.cityId === null ? '' : names.city(v.cityId),
    date: v.date ?? '',
  });
}

/** Errors first, then by date, turn, adviser and code: a stable order for the API and the UI. */
export function sortViolations(list: Violation[]): Violation[] {
  return list.sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.date ?? '').localeCompare(b.date ?? '') ||
      (a.start ?? '').localeCompare(b.start ?? '') ||
      (a.turnId ?? 0) - (b.turnId ?? 0) ||
      (a.adviserId ?? 0) - (b.adviserId ?? 0) ||
      a.code.localeCompare(b.code),
  );
}
