import type { Db } from '../../db/connection.js';

export type RotationUnit = 'turn' | 'day' | 'week';

export interface ServiceRow {
  id: number;
  code: string;
  name_fi: string;
  name_sv: string;
  name_en: string;
  rotation_unit: RotationUnit;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
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

export interface ServiceFields {
  code: string;
  nameFi: string;
  nameSv: string;
  nameEn: string;
  rotationUnit: RotationUnit;
}
export interface TemplateFields {
  weekday: number;
  start: string;
  end: string;
  headcount: number;
  language: string | null;
}

export function createServiceRepository(db: Db) {
  const all = db.prepare<[], ServiceRow>('SELECT * FROM services ORDER BY active DESC, id');
  const byId = db.prepare<[number], ServiceRow>('SELECT * FROM services WHERE id = ?');
  const byCode = db.prepare<[string], ServiceRow>('SELECT * FROM services WHERE code = ?');
  const insert = db.prepare(
    `INSERT INTO services (code, name_fi, name_sv, name_en, rotation_unit)
     VALUES (@code, @nameFi, @nameSv, @nameEn, @rotationUnit)`,
  );
  const update = db.prepare(
    `UPDATE services SET code = @code, name_fi = @nameFi, name_sv = @nameSv, name_en = @nameEn,
       rotation_unit = @rotationUnit, active = @active, version = version + 1,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = @id AND version = @version`,
  );
  const setActive = db.prepare(
    `UPDATE services SET active = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = ? AND version = ?`,
  );
  // The pattern belongs to the service: changing it bumps the service's version.
  const bump = db.prepare(`UPDATE services SET version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND version = ?`);
  const templates = db.prepare<[number], TemplateRow>('SELECT * FROM turn_templates WHERE service_id = ? ORDER BY weekday, start_time, id');
  const allTemplates = db.prepare<[], TemplateRow>('SELECT * FROM turn_templates ORDER BY service_id, weekday, start_time, id');
  const insertTemplate = db.prepare(
    `INSERT INTO turn_templates (service_id, weekday, start_time, end_time, headcount, required_language)
     VALUES (@serviceId, @weekday, @start, @end, @headcount, @language)`,
  );
  const removeTemplate = db.prepare('DELETE FROM turn_templates WHERE id = ? AND service_id = ?');
  return {
    all: () => all.all(),
    byId: (id: number) => byId.get(id),
    byCode: (code: string) => byCode.get(code),
    insert: (s: ServiceFields) => Number(insert.run(s).lastInsertRowid),
    /** False when the version read is no longer current. */
    update: (s: ServiceFields & { id: number; version: number; active: boolean }) => update.run({ ...s, active: s.active ? 1 : 0 }).changes === 1,
    setActive: (id: number, isActive: boolean, version: number) => setActive.run(isActive ? 1 : 0, id, version).changes === 1,
    bumpVersion: (id: number, version: number) => bump.run(id, version).changes === 1,
    templates: (serviceId: number) => templates.all(serviceId),
    allTemplates: () => allTemplates.all(),
    insertTemplate: (serviceId: number, t: TemplateFields) => Number(insertTemplate.run({ serviceId, ...t }).lastInsertRowid),
    removeTemplate: (serviceId: number, templateId: number) => removeTemplate.run(templateId, serviceId).changes === 1,
  };
}
export type ServiceRepository = ReturnType<typeof createServiceRepository>;
