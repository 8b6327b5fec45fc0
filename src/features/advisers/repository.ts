import type { Db } from '../../db/connection.js';

export interface AdviserRow {
  id: number;
  city_id: number;
  name: string;
  email: string;
  max_hours_per_week: number;
  active: number;
  active_from: string | null;
  active_to: string | null;
  version: number;
}

/** An adviser with skills (service codes), languages and weekday preferences resolved. */
export interface Adviser {
  id: number;
  cityId: number;
  name: string;
  email: string;
  maxHoursPerWeek: number;
  active: boolean;
  activeFrom: string | null;
  activeTo: string | null;
  skills: string[];
  languages: string[];
  desired: number[];
  undesired: number[];
  version: number;
}

/** What a create or update writes: an adviser's own fields, with skills as service ids. */
export type AdviserFields = Omit<Adviser, 'id' | 'version' | 'skills'> & { skillIds: number[] };

export interface AdviserFilter {
  cityId: number | null;
  serviceId: number | null;
  active: 0 | 1 | null;
}

export interface NamedRow {
  id: number;
  code: string;
  name_fi: string;
  name_sv: string;
  name_en: string;
  active: number;
}

type Joined = AdviserRow & { skills: string; languages: string; prefs: string };

// The lists are small (tens of advisers), so the related rows are folded in
// with JSON sub-selects rather than a second round of queries per adviser.
const SELECT = `SELECT a.*,
  (SELECT json_group_array(sv.code) FROM adviser_skills s JOIN services sv ON sv.id = s.service_id WHERE s.adviser_id = a.id) AS skills,
  (SELECT json_group_array(l.language) FROM adviser_languages l WHERE l.adviser_id = a.id) AS languages,
  (SELECT json_group_array(json_array(p.weekday, p.preference)) FROM adviser_weekday_preferences p WHERE p.adviser_id = a.id) AS prefs
  FROM advisers a`;

function toAdviser(r: Joined): Adviser {
  const prefs = JSON.parse(r.prefs) as [number, 'desired' | 'undesired'][];
  return {
    id: r.id,
    cityId: r.city_id,
    name: r.name,
    email: r.email,
    maxHoursPerWeek: r.max_hours_per_week,
    active: r.active === 1,
    activeFrom: r.active_from,
    activeTo: r.active_to,
    skills: (JSON.parse(r.skills) as string[]).sort(),
    languages: (JSON.parse(r.languages) as string[]).sort(),
    desired: prefs
      .filter((p) => p[1] === 'desired')
      .map((p) => p[0])
      .sort(),
    undesired: prefs
      .filter((p) => p[1] === 'undesired')
      .map((p) => p[0])
      .sort(),
    version: r.version,
  };
}

export function createAdviserRepository(db: Db) {
  const list = db.prepare<{ cityId: number | null; serviceId: number | null; active: number | null }, Joined>(
    `${SELECT} WHERE (@cityId IS NULL OR a.city_id = @cityId) AND (@active IS NULL OR a.active = @active)
       AND (@serviceId IS NULL OR EXISTS (SELECT 1 FROM adviser_skills s WHERE s.adviser_id = a.id AND s.service_id = @serviceId))
     ORDER BY a.name COLLATE NOCASE, a.id`,
  );
  const byId = db.prepare<[number], Joined>(`${SELECT} WHERE a.id = ?`);
  const insert = db.prepare(
    `INSERT INTO advisers (city_id, name, email, max_hours_per_week, active, active_from, active_to)
     VALUES (@cityId, @name, @email, @maxHoursPerWeek, @active, @activeFrom, @activeTo)`,
  );
  const update = db.prepare(
    `UPDATE advisers SET city_id = @cityId, name = @name, email = @email, max_hours_per_week = @maxHoursPerWeek,
       active = @active, active_from = @activeFrom, active_to = @activeTo, version = version + 1,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = @id AND version = @version`,
  );
  const clearSkills = db.prepare('DELETE FROM adviser_skills WHERE adviser_id = ?');
  const addSkill = db.prepare('INSERT INTO adviser_skills (adviser_id, service_id) VALUES (?, ?)');
  const clearLanguages = db.prepare('DELETE FROM adviser_languages WHERE adviser_id = ?');
  const addLanguage = db.prepare('INSERT INTO adviser_languages (adviser_id, language) VALUES (?, ?)');
  const clearPrefs = db.prepare('DELETE FROM adviser_weekday_preferences WHERE adviser_id = ?');
  const addPref = db.prepare('INSERT INTO adviser_weekday_preferences (adviser_id, weekday, preference) VALUES (?, ?, ?)');
  const setActive = db.prepare(
    `UPDATE advisers SET active = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND version = ?`,
  );
  const services = db.prepare<[], NamedRow>('SELECT id, code, name_fi, name_sv, name_en, active FROM services ORDER BY id');
  const cities = db.prepare<[], NamedRow>('SELECT id, code, name_fi, name_sv, name_en, active FROM cities ORDER BY id');

  const writeRelated = (id: number, f: AdviserFields) => {
    clearSkills.run(id);
    for (const s of new Set(f.skillIds)) addSkill.run(id, s);
    clearLanguages.run(id);
    for (const l of new Set(f.languages)) addLanguage.run(id, l);
    clearPrefs.run(id);
    for (const d of new Set(f.desired)) addPref.run(id, d, 'desired');
    for (const d of new Set(f.undesired)) addPref.run(id, d, 'undesired');
  };
  const row = (f: AdviserFields) => ({
    cityId: f.cityId,
    name: f.name,
    email: f.email,
    maxHoursPerWeek: f.maxHoursPerWeek,
    active: f.active ? 1 : 0,
    activeFrom: f.activeFrom,
    activeTo: f.activeTo,
  });

  return {
    list: (f: Partial<AdviserFilter> = {}) => list.all({ cityId: f.cityId ?? null, serviceId: f.serviceId ?? null, active: f.active ?? null }).map(toAdviser),
    byId: (id: number) => {
      const r = byId.get(id);
      return r ? toAdviser(r) : undefined;
    },
    /** Call inside a transaction: the adviser row and its related rows go together. */
    insert: (f: AdviserFields) => {
      const id = Number(insert.run(row(f)).lastInsertRowid);
      writeRelated(id, f);
      return id;
    },
    /** False when the version is stale (nothing written). Call inside a transaction. */
    update: (id: number, version: number, f: AdviserFields) => {
      if (update.run({ ...row(f), id, version }).changes !== 1) return false;
      writeRelated(id, f);
      return true;
    },
    setActive: (id: number, version: number, active: boolean) => setActive.run(active ? 1 : 0, id, version).changes === 1,
    services: () => services.all(),
    cities: () => cities.all(),
  };
}
export type AdviserRepository = ReturnType<typeof createAdviserRepository>;
