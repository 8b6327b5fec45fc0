import type { AppContext } from '../context.js';
import type { Translate } from '../i18n/index.js';
import { resolveAdviser } from '../features/advisers/rules.js';
import type { AdviserFields } from '../features/advisers/repository.js';
import { AdviserJson, parseAdviser } from '../features/advisers/schemas.js';
import { CsvError, parseCsv } from './csv.js';

export const IMPORT_COLUMNS = ['name', 'email', 'city', 'skills', 'languages', 'maxHoursPerWeek'] as const;

export type ImportResult = { ok: true; imported: number } | { ok: false; errors: string[] };

const list = (s: string) =>
  s
    .split(/[|\s]+/)
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);

/**
 * Imports advisers from CSV, all or nothing: every line is validated first,
 * and only a file without errors is written, in one transaction.
 */
export function importAdvisers(ctx: AppContext, csv: string, t: Translate): ImportResult {
  let records;
  try {
    records = parseCsv(csv);
  } catch (e) {
    if (e instanceof CsvError) return { ok: false, errors: [t('cli.importLine', { line: e.line, message: e.message })] };
    throw e;
  }
  const [header, ...rows] = records;
  if (!header) return { ok: false, errors: [t('cli.importEmpty')] };
  const names = header.fields.map((f) => f.trim());
  const index = new Map(names.map((n, i) => [n.toLowerCase(), i]));
  const missing = IMPORT_COLUMNS.filter((c) => !index.has(c.toLowerCase()));
  if (missing.length) return { ok: false, errors: [t('cli.importHeader', { missing: missing.join(', '), expected: IMPORT_COLUMNS.join(';') })] };

  const cities = new Map(ctx.repos.advisers.cities().map((c) => [c.code, c.id]));
  const errors: string[] = [];
  const valid: AdviserFields[] = [];
  for (const row of rows) {
    const cell = (c: (typeof IMPORT_COLUMNS)[number]) => (row.fields[index.get(c.toLowerCase()) as number] ?? '').trim();
    if (row.fields.length !== names.length) {
      errors.push(t('cli.importLine', { line: row.line, message: t('cli.importFieldCount', { found: row.fields.length, expected: names.length }) }));
      continue;
    }
    const cityCode = cell('city').toLowerCase();
    const cityId = cities.get(cityCode);
    if (cityId === undefined) {
      errors.push(t('cli.importLine', { line: row.line, message: `city: ${t('cli.unknownCity', { code: cityCode })}` }));
      continue;
    }
    const parsed = parseAdviser(
      AdviserJson,
      {
        name: cell('name'),
        email: cell('email'),
        cityId,
        skills: list(cell('skills')),
        languages: list(cell('languages')),
        maxHoursPerWeek: cell('maxHoursPerWeek'),
      },
      t,
    );
    const resolved = parsed.ok ? resolveAdviser(ctx, parsed.data, t) : parsed;
    if (!resolved.ok) {
      for (const [field, message] of Object.entries(resolved.errors)) errors.push(t('cli.importLine', { line: row.line, message: `${field}: ${message}` }));
      continue;
    }
    valid.push(resolved.data);
  }
  if (errors.length) return { ok: false, errors };
  ctx.db
    .transaction(() => {
      for (const fields of valid) ctx.repos.advisers.insert(fields);
    })
    .immediate();
  return { ok: true, imported: valid.length };
}
