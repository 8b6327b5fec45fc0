import type { Db } from '../../db/connection.js';

export interface ServiceRow {
  id: number;
  code: string;
  name_fi: string;
  name_sv: string;
  name_en: string;
  rotation_unit: 'turn' | 'day' | 'week';
  active: number;
}
export interface TemplateRow {
  id: number;
  service_id: number;
  weekday: number;
  start_time: string;
  end_time: string;
  headcount: number;
  required_language: string | null;
}
export interface CityRow {
  id: number;
  code: string;
  name_fi: string;
  name_sv: string;
  name_en: string;
  active: number;
}
export interface ShareDbRow {
  service_id: number;
  city_id: number;
  valid_from: string;
  share: number;
}
export interface AdviserRow {
  id: number;
  city_id: number;
  name: string;
  max_hours_per_week: number;
  active: number;
  active_from: string | null;
  active_to: string | null;
}
export interface AdviserLinkRow {
  adviser_id: number;
  value: string | number;
}
export interface PreferenceRow {
  adviser_id: number;
  weekday: number;
  preference: 'desired' | 'undesired';
}
export interface AbsenceRow {
  adviser_id: number;
  from_date: string;
  to_date: string;
}
export interface TurnRow {
  id: number;
  service_id: number;
  template_id: number | null;
  date: string;
  start_at: string;
  end_at: string;
  headcount: number;
  required_language: string | null;
  city_id: number | null;
  city_pinned: number;
  status: 'draft' | 'published';
  version: number;
}
export interface AssignmentRow {
  id: number;
  turn_id: number;
  adviser_id: number;
  pinned: number;
}
export interface HistoryRow {
  service_id: number;
  city_id: number;
  date: string;
  hours: number;
}

export interface TurnWrite {
  serviceId: number;
  templateId: number | null;
  date: string;
  startAt: string;
  endAt: string;
  headcount: number;
  language: string | null;
  cityId: number | null;
  at: string;
  userId: number | null;
}

/** The SQL of the rotation engine: a handful of reads per range and prepared writes. */
export function createRosterRepository(db: Db) {
  const services = db.prepare<[], ServiceRow>('SELECT id, code, name_fi, name_sv, name_en, rotation_unit, active FROM services ORDER BY id');
  const templates = db.prepare<[], TemplateRow>('SELECT * FROM turn_templates ORDER BY service_id, weekday, start_time, id');
  const cities = db.prepare<[], CityRow>('SELECT id, code, name_fi, name_sv, name_en, active FROM cities ORDER BY id');
  const shares = db.prepare<[], ShareDbRow>('SELECT service_id, city_id, valid_from, share FROM shares ORDER BY service_id, city_id, valid_from');
  const advisers = db.prepare<[], AdviserRow>('SELECT id, city_id, name, max_hours_per_week, active, active_from, active_to FROM advisers ORDER BY id');
  const skills = db.prepare<[], AdviserLinkRow>('SELECT adviser_id, service_id AS value FROM adviser_skills');
  const languages = db.prepare<[], AdviserLinkRow>('SELECT adviser_id, language AS value FROM adviser_languages');
  const preferences = db.prepare<[], PreferenceRow>('SELECT adviser_id, weekday, preference FROM adviser_weekday_preferences');
  const absences = db.prepare<[string, string], AbsenceRow>(
    'SELECT adviser_id, from_date, to_date FROM absences WHERE to_date >= ? AND from_date <= ? ORDER BY adviser_id, from_date',
  );
  const turnsBetween = db.prepare<[string, string], TurnRow>(
    `SELECT id, service_id, template_id, date, start_at, end_at, headcount, required_language, city_id, city_pinned, status, version
     FROM turns WHERE date BETWEEN ? AND ? ORDER BY start_at, service_id`,
  );
  const assignmentsBetween = db.prepare<[string, string], AssignmentRow>(
    `SELECT a.id, a.turn_id, a.adviser_id, a.pinned FROM assignments a JOIN turns t ON t.id = a.turn_id
     WHERE t.date BETWEEN ? AND ? ORDER BY a.turn_id, a.id`,
  );
  const turnById = db.prepare<[number], TurnRow>(
    `SELECT id, service_id, template_id, date, start_at, end_at, headcount, required_language, city_id, city_pinned, status, version
     FROM turns WHERE id = ?`,
  );
  const assignmentsOf = db.prepare<[number], AssignmentRow>('SELECT id, turn_id, adviser_id, pinned FROM assignments WHERE turn_id = ? ORDER BY id');
  // Hours from the stored instants, so a turn across a clock change counts its real length.
  const history = db.prepare<[string], HistoryRow>(
    `SELECT service_id, city_id, date, SUM((julianday(end_at) - julianday(start_at)) * 24.0) AS hours
     FROM turns WHERE status = 'published' AND city_id IS NOT NULL AND date < ?
     GROUP BY service_id, city_id, date ORDER BY service_id, date, city_id`,
  );
  const insertTurn = db.prepare(
    `INSERT INTO turns (service_id, template_id, date, start_at, end_at, headcount, required_language, city_id, updated_at, updated_by)
     VALUES (@serviceId, @templateId, @date, @startAt, @endAt, @headcount, @language, @cityId, @at, @userId)`,
  );
  const updateDraft = db.prepare(
    `UPDATE turns SET template_id = @templateId, end_at = @endAt, headcount = @headcount, required_language = @language,
       city_id = @cityId, version = version + 1, updated_at = @at, updated_by = @userId
     WHERE id = @id AND status = 'draft'`,
  );
  const deleteTurn = db.prepare("DELETE FROM turns WHERE id = ? AND status = 'draft'");
  const deleteUnpinned = db.prepare('DELETE FROM assignments WHERE turn_id = ? AND pinned = 0');
  const deleteAll = db.prepare('DELETE FROM assignments WHERE turn_id = ?');
  const insertAssignment = db.prepare('INSERT INTO assignments (turn_id, adviser_id, pinned) VALUES (?, ?, ?)');
  const setCityAndBump = db.prepare('UPDATE turns SET city_id = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?');
  const publish = db.prepare(
    `UPDATE turns SET status = 'published', published_at = @at, version = version + 1, updated_at = @at, updated_by = @userId
     WHERE status = 'draft' AND date BETWEEN @from AND @to`,
  );
  const insertPublication = db.prepare(
    'INSERT INTO publications (from_date, to_date, turns_count, published_by, published_at, override_reason) VALUES (?, ?, ?, ?, ?, ?)',
  );

  return {
    services: () => services.all(),
    templates: () => templates.all(),
    cities: () => cities.all(),
    shares: () => shares.all(),
    advisers: () => advisers.all(),
    skills: () => skills.all(),
    languages: () => languages.all(),
    preferences: () => preferences.all(),
    absencesBetween: (from: string, to: string) => absences.all(from, to),
    turnsBetween: (from: string, to: string) => turnsBetween.all(from, to),
    assignmentsBetween: (from: string, to: string) => assignmentsBetween.all(from, to),
    turnById: (id: number) => turnById.get(id),
    assignmentsOf: (turnId: number) => assignmentsOf.all(turnId),
    historyBefore: (date: string) => history.all(date),
    insertTurn: (t: TurnWrite) => Number(insertTurn.run(t).lastInsertRowid),
    updateDraft: (t: TurnWrite & { id: number }) => updateDraft.run(t).changes === 1,
    deleteDraftTurn: (id: number) => deleteTurn.run(id).changes === 1,
    deleteUnpinnedAssignments: (turnId: number) => deleteUnpinned.run(turnId),
    deleteAssignments: (turnId: number) => deleteAll.run(turnId),
    insertAssignment: (turnId: number, adviserId: number, pinned: boolean) => insertAssignment.run(turnId, adviserId, pinned ? 1 : 0),
    /** Optimistic: false when the version read is no longer the stored one. */
    setCityAndBump: (id: number, cityId: number | null, version: number, at: string, userId: number | null) =>
      setCityAndBump.run(cityId, at, userId, id, version).changes === 1,
    publishBetween: (from: string, to: string, at: string, userId: number | null) => publish.run({ from, to, at, userId }).changes,
    insertPublication: (from: string, to: string, count: number, userId: number | null, at: string, reason: string | null) =>
      Number(insertPublication.run(from, to, count, userId, at, reason).lastInsertRowid),
  };
}
export type RosterRepository = ReturnType<typeof createRosterRepository>;
