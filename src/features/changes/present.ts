import type { AppContext } from '../../context.js';
import type { Lang, MessageKey, Translate } from '../../i18n/index.js';
import type { AuditRow } from '../audit/repository.js';
import { CHANGE_KINDS, type ChangeKind } from '../audit/rules.js';

/** One line of "before → after". */
export interface ChangeDiff { label: string; before: string; after: string }

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
  rawBefore: string | null;
  rawAfter: string | null;
  isNew: boolean;
}

const MAX_DIFFS = 8;

const KIND_KEYS = Object.fromEntries(CHANGE_KINDS.map((k) => [k, `changes.${k.replace('.', '_')}`])) as Record<ChangeKind, MessageKey>;
const isKnownKind = (kind: string): kind is ChangeKind => (CHANGE_KINDS as readonly string[]).includes(kind);

/** The readable sentence of a kind, or its code for kinds this page does not know yet. */
export function kindLabel(kind: string, t: Translate): string {
  return isKnownKind(kind) ? t(KIND_KEYS[kind]) : kind;
}

const FIELD_KEYS: Record<string, MessageKey> = {
  adviserIds: 'changes.fieldAdvisers', adviserId: 'changes.adviser', cityId: 'changes.fieldCity', status: 'changes.fieldStatus',
  share: 'changes.fieldShare', from: 'common.from', to: 'common.to', reason: 'common.reason', name: 'common.name', email: 'common.email',
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

interface Names { advisers: Map<number, string>; cities: Map<number, string> }

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
    }
  }
  return { advisers, cities };
}

function lookupNames(ctx: AppContext, rows: readonly AuditRow[], lang: Lang): Names {
  const wanted = collectIds(rows);
  const advisers = new Map(ctx.repos.audit.adviserNames([...wanted.advisers]).map((a) => [a.id, a.name]));
  const cities = new Map(ctx.repos.audit.cityNames([...wanted.cities]).map((c) => [c.id, c[`name_${lang}`]]));
  return { advisers, cities };
}

function formatValue(key: string, value: unknown, names: Names, t: Translate): string {
  if (value === undefined || value === null) return '–';
  if (key === 'adviserId' || key === 'adviserIds') {
    const list = ids(value).map((id) => names.advisers.get(id) ?? `#${id}`);
    return list.length ? list.join(', ') : t('common.none');
  }
  if (key === 'cityId') return ids(value).map((id) => names.cities.get(id) ?? `#${id}`).join(', ') || '–';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue('', v, names, t)).join(', ') : t('common.none');
  return JSON.stringify(value);
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
    .map((k) => ({ label: FIELD_KEYS[k] ? t(FIELD_KEYS[k]) : k, before: formatValue(k, b[k], names, t), after: formatValue(k, a[k], names, t) }));
}

const pretty = (json: string | null): string | null => {
  if (json === null) return null;
  const v = parse(json);
  return typeof v === 'string' ? v : JSON.stringify(v, null, 2);
};

/** Since when, for whom, rows count as new: others' changes after the user's last visit (null: never visited). */
export interface NewSince { seenAt: string | null; userId: number }

/** Turns log rows into what the pages show. */
export function presentChanges(ctx: AppContext, rows: readonly AuditRow[], lang: Lang, t: Translate, newSince?: NewSince): ChangeView[] {
  const names = lookupNames(ctx, rows, lang);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    who: row.user_name ?? t('changes.system'),
    what: kindLabel(row.kind, t),
    kind: row.kind,
    city: row.city_id === null ? null : names.cities.get(row.city_id) ?? `#${row.city_id}`,
    adviser: row.adviser_id === null ? null : names.advisers.get(row.adviser_id) ?? `#${row.adviser_id}`,
    diffs: diffOf(row.before, row.after, names, t),
    rawBefore: pretty(row.before),
    rawAfter: pretty(row.after),
    isNew: newSince !== undefined && row.user_id !== newSince.userId && row.at > (newSince.seenAt ?? ''),
  }));
}
