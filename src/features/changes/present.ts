import type { AppContext } from '../../context.js';
import type { Lang, MessageKey, Translate } from '../../i18n/index.js';
import type { AuditRow } from '../audit/repository.js';
import { CHANGE_KINDS, type ChangeKind } from '../audit/rules.js';
import { objectLabel } from './object-label.js';

/** One line of "before → after". */
export interface ChangeDiff {
  label: string;
  before: string;
  after: string;
}

/** A change as the log pages show it: sentences and names, not ids. */
export interface ChangeView {
  id: number;
  at: string;
  who: string;
  what: string;
  kind: string;
  city: string | null;
  adviser: string | null;
  diffs: ChangeDiff[];
  /** The changed object in words ("Phone advisory Mon 7.12.2026 9–12, Espoo"), when the change named it. */
  object: string | null;
  objectType: string | null;
  overrideReason: string | null;
  isNew: boolean;
}

const MAX_DIFFS = 8;

/** An ISO weekday number (1 = Monday), as the weekly pattern stores it, by name. 2024-01-01 was a Monday. */
const weekdayName = (n: number, lang: Lang): string =>
  new Intl.DateTimeFormat({ fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }[lang], { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, n, 12)));

// The kinds the `changes` namespace has words for; later ones are in `changeLog`.
const OLD_KINDS = CHANGE_KINDS.slice(0, 11);
type OldKind = (typeof OLD_KINDS)[number];
const KIND_KEYS = Object.fromEntries(OLD_KINDS.map((k) => [k, `changes.${k.replace('.', '_')}`])) as Record<OldKind, MessageKey>;
const isOldKind = (kind: string): boolean => (OLD_KINDS as readonly string[]).includes(kind);
export type { ChangeKind };

/** The readable sentence of a kind; a kind this page does not know yet reads as its object and verb, never its raw code. */
export function kindLabel(kind: string, t: Translate): string {
  if (isOldKind(kind)) return t(KIND_KEYS[kind as OldKind]);
  const key = `changeLog.k_${kind.replace('.', '_')}` as MessageKey;
  const text = t(key);
  return text === key ? kind.replace(/[._]/g, ' ') : text;
}

const FIELD_KEYS: Record<string, MessageKey> = {
  adviserIds: 'changes.fieldAdvisers',
  adviserId: 'changes.adviser',
  cityId: 'changes.fieldCity',
  status: 'changes.fieldStatus',
  share: 'changes.fieldShare',
  from: 'common.from',
  to: 'common.to',
  reason: 'common.reason',
  name: 'common.name',
  email: 'common.email',
};

const parse = (json: string | null): unknown => {
  if (json === null) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
};
const asRecord = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const ids = (v: unknown): number[] => (Array.isArray(v) ? v : [v]).filter((x): x is number => typeof x === 'number');

interface Names {
  advisers: Map<number, string>;
  cities: Map<number, string>;
  lang: Lang;
}

function collectIds(rows: readonly AuditRow[]): { advisers: Set<number>; cities: Set<number> } {
  const advisers = new Set<number>();
  const cities = new Set<number>();
  for (const row of rows) {
    if (row.adviser_id !== null) advisers.add(row.adviser_id);
    if (row.city_id !== null) cities.add(row.city_id);
    for (const side of [parse(row.before), parse(row.after)]) {
      const r = asRecord(side);
      if (!r) continue;
      for (const id of [...ids(r.adviserId), ...ids(r.adviserIds)]) advisers.add(id);
      for (const id of ids(r.cityId)) cities.add(id);
      const shares = asRecord(r.shares);
      if (shares) for (const id of Object.keys(shares)) cities.add(Number(id));
    }
  }
  return { advisers, cities };
}

function lookupNames(ctx: AppContext, rows: readonly AuditRow[], lang: Lang): Names {
  const wanted = collectIds(rows);
  const advisers = new Map(ctx.repos.audit.adviserNames([...wanted.advisers]).map((a) => [a.id, a.name]));
  const cities = new Map(ctx.repos.audit.cityNames([...wanted.cities]).map((c) => [c.id, c[`name_${lang}`]]));
  return { advisers, cities, lang };
}

function formatValue(key: string, value: unknown, names: Names, t: Translate): string {
  if (value === undefined || value === null) return '–';
  if (key === 'adviserId' || key === 'adviserIds') {
    const list = ids(value).map((id) => names.advisers.get(id) ?? `#${id}`);
    return list.length ? list.join(', ') : t('common.none');
  }
  if (key === 'cityId')
    return (
      ids(value)
        .map((id) => names.cities.get(id) ?? `#${id}`)
        .join(', ') || '–'
    );
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (key === 'shares' && asRecord(value)) {
    return Object.entries(value as Record<string, unknown>)
      .map(([id, share]) => `${names.cities.get(Number(id)) ?? '–'} ${typeof share === 'number' ? Math.round(share * 1000) / 10 : '–'} %`)
      .join(', ');
  }
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue('', v, names, t)).join('; ') : t('common.none');
  const r = asRecord(value);
  if (r && 'weekday' in r && 'start' in r) return `${weekdayName(Number(r.weekday), names.lang)} ${String(r.start)}–${String(r.end)}`;
  // Any other object: its fields in words, never JSON.
  return r
    ? Object.entries(r)
        .map(([k, v]) => `${fieldLabel(k, t)} ${formatValue(k, v, names, t)}`)
        .join(', ')
    : String(value);
}

/** The fields that differ between before and after, with names for ids. */
export function diffOf(beforeJson: string | null, afterJson: string | null, names: Names, t: Translate): ChangeDiff[] {
  const before = parse(beforeJson);
  const after = parse(afterJson);
  if (before === undefined && after === undefined) return [];
  const b = asRecord(before) ?? (before === undefined ? {} : null);
  const a = asRecord(after) ?? (after === undefined ? {} : null);
  if (!b || !a) return [{ label: '', before: formatValue('', before, names, t), after: formatValue('', after, names, t) }];
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .slice(0, MAX_DIFFS)
    .filter((k) => k !== 'version')
    .map((k) => ({ label: fieldLabel(k, t), before: formatValue(k, b[k], names, t), after: formatValue(k, a[k], names, t) }));
}

function fieldLabel(key: string, t: Translate): string {
  if (FIELD_KEYS[key]) return t(FIELD_KEYS[key]);
  const k = `changeLog.f_${key}` as MessageKey;
  const text = t(k);
  // An unknown field reads as words ("swap id"), not as a code.
  return text === k
    ? key
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .replace(/_/g, ' ')
        .toLowerCase()
    : text;
}

/** Since when, for whom, rows count as new: others' changes after the user's last visit (null: never visited). */
export interface NewSince {
  seenAt: string | null;
  userId: number;
}

/** Turns log rows into what the pages show. */
export function presentChanges(ctx: AppContext, rows: readonly AuditRow[], lang: Lang, t: Translate, newSince?: NewSince): ChangeView[] {
  const names = lookupNames(ctx, rows, lang);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    who: row.user_name ?? t('changes.system'),
    what: kindLabel(row.kind, t),
    kind: row.kind,
    city: row.city_id === null ? null : (names.cities.get(row.city_id) ?? `#${row.city_id}`),
    adviser: row.adviser_id === null ? null : (names.advisers.get(row.adviser_id) ?? `#${row.adviser_id}`),
    diffs: diffOf(row.before, row.after, names, t),
    object: objectLabel(ctx, row.object_ref, lang, t),
    objectType: row.object_type,
    overrideReason: row.override_reason,
    isNew: newSince !== undefined && row.user_id !== newSince.userId && row.at > (newSince.seenAt ?? ''),
  }));
}
