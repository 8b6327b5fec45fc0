import type { Db } from '../../src/db/connection.js';

// Test data made per test. Plain SQL on purpose: factories must not depend on
// the code under test, so a bug in a repository cannot hide in its own fixtures.

let seq = 0;
const next = () => ++seq;

export function makeCity(db: Db, o: Partial<{ code: string; name: string; colour: string; active: boolean }> = {}): number {
  const n = next();
  const code = o.code ?? `city${n}`;
  const name = o.name ?? `City ${n}`;
  return Number(
    db
      .prepare('INSERT INTO cities (code, name_fi, name_sv, name_en, colour, active) VALUES (?, ?, ?, ?, ?, ?)')
      .run(code, `${name} fi`, `${name} sv`, name, o.colour ?? '#005a9c', o.active === false ? 0 : 1).lastInsertRowid,
  );
}

export interface TemplateSpec {
  weekday: number;
  start: string;
  end: string;
  headcount?: number;
  language?: string | null;
}

export function makeService(
  db: Db,
  o: Partial<{ code: string; name: string; rotationUnit: 'turn' | 'day' | 'week'; templates: TemplateSpec[]; active: boolean }> = {},
): number {
  const n = next();
  const code = o.code ?? `service${n}`;
  const name = o.name ?? `Service ${n}`;
  const id = Number(
    db
      .prepare('INSERT INTO services (code, name_fi, name_sv, name_en, rotation_unit, active) VALUES (?, ?, ?, ?, ?, ?)')
      .run(code, `${name} fi`, `${name} sv`, name, o.rotationUnit ?? 'turn', o.active === false ? 0 : 1).lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO turn_templates (service_id, weekday, start_time, end_time, headcount, required_language) VALUES (?, ?, ?, ?, ?, ?)');
  for (const t of o.templates ?? weekdays('09:00', '12:00')) insert.run(id, t.weekday, t.start, t.end, t.headcount ?? 1, t.language ?? null);
  return id;
}

/** Monday to Friday, one template a day. */
export function weekdays(start: string, end: string, headcount = 1, language: string | null = null): TemplateSpec[] {
  return [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end, headcount, language }));
}

/** Sets the shares of a service from a date: { cityId: share }. */
export function setShares(db: Db, serviceId: number, validFrom: string, shares: Record<number, number>): void {
  const insert = db.prepare('INSERT OR REPLACE INTO shares (service_id, city_id, valid_from, share) VALUES (?, ?, ?, ?)');
  for (const [cityId, share] of Object.entries(shares)) insert.run(serviceId, Number(cityId), validFrom, share);
}

export function makeAdviser(
  db: Db,
  cityId: number,
  o: Partial<{
    name: string;
    email: string;
    skills: number[];
    languages: string[];
    maxHoursPerWeek: number;
    active: boolean;
    activeFrom: string | null;
    activeTo: string | null;
    desired: number[];
    undesired: number[];
  }> = {},
): number {
  const n = next();
  const id = Number(
    db
      .prepare('INSERT INTO advisers (city_id, name, email, max_hours_per_week, active, active_from, active_to) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        cityId,
        o.name ?? `Adviser ${n}`,
        o.email ?? `adviser${n}@example.test`,
        o.maxHoursPerWeek ?? 20,
        o.active === false ? 0 : 1,
        o.activeFrom ?? null,
        o.activeTo ?? null,
      ).lastInsertRowid,
  );
  for (const s of o.skills ?? []) db.prepare('INSERT INTO adviser_skills (adviser_id, service_id) VALUES (?, ?)').run(id, s);
  for (const l of o.languages ?? ['fi']) db.prepare('INSERT INTO adviser_languages (adviser_id, language) VALUES (?, ?)').run(id, l);
  for (const d of o.desired ?? []) db.prepare("INSERT INTO adviser_weekday_preferences VALUES (?, ?, 'desired')").run(id, d);
  for (const d of o.undesired ?? []) db.prepare("INSERT INTO adviser_weekday_preferences VALUES (?, ?, 'undesired')").run(id, d);
  return id;
}

export function makeAbsence(db: Db, adviserId: number, from: string, to: string, reason = 'leave'): number {
  return Number(
    db.prepare('INSERT INTO absences (adviser_id, from_date, to_date, reason) VALUES (?, ?, ?, ?)').run(adviserId, from, to, reason).lastInsertRowid,
  );
}

export function makeClosure(db: Db, date: string, name = 'Closed'): number {
  return Number(db.prepare('INSERT INTO closures (date, name_fi, name_sv, name_en) VALUES (?, ?, ?, ?)').run(date, name, name, name).lastInsertRowid);
}

/** A turn with its assignments, as the engine or a supervisor would leave it. */
export function makeTurn(
  db: Db,
  o: {
    serviceId: number;
    date: string;
    startAt: string;
    endAt: string;
    cityId?: number | null;
    status?: 'draft' | 'published';
    headcount?: number;
    language?: string | null;
    adviserIds?: number[];
    pinned?: boolean;
  },
): number {
  const id = Number(
    db
      .prepare(
        'INSERT INTO turns (service_id, date, start_at, end_at, headcount, required_language, city_id, status, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        o.serviceId,
        o.date,
        o.startAt,
        o.endAt,
        o.headcount ?? 1,
        o.language ?? null,
        o.cityId ?? null,
        o.status ?? 'draft',
        o.status === 'published' ? new Date().toISOString() : null,
      ).lastInsertRowid,
  );
  for (const a of o.adviserIds ?? []) db.prepare('INSERT INTO assignments (turn_id, adviser_id, pinned) VALUES (?, ?, ?)').run(id, a, o.pinned ? 1 : 0);
  return id;
}

/** The three demo-like cities and services with shares 50/25/25 from 2020-01-01. */
export function makeRegion(db: Db) {
  const helsinki = makeCity(db, { code: 'helsinki', name: 'Helsinki' });
  const espoo = makeCity(db, { code: 'espoo', name: 'Espoo' });
  const vantaa = makeCity(db, { code: 'vantaa', name: 'Vantaa' });
  const phone = makeService(db, {
    code: 'phone',
    name: 'Phone advisory',
    templates: [...weekdays('09:00', '12:00', 2, 'sv'), ...weekdays('12:00', '16:00', 2, 'sv')],
  });
  const email = makeService(db, { code: 'email', name: 'Email advisory', templates: weekdays('08:00', '16:00') });
  const changeSecurity = makeService(db, { code: 'change_security', name: 'Change security', rotationUnit: 'week', templates: weekdays('09:00', '15:00') });
  for (const s of [phone, email, changeSecurity]) setShares(db, s, '2020-01-01', { [helsinki]: 0.5, [espoo]: 0.25, [vantaa]: 0.25 });
  return { cities: { helsinki, espoo, vantaa }, services: { phone, email, changeSecurity } };
}
