import type { Db } from '../../db/connection.js';

export interface CityRow {
  id: number;
  code: string;
  name_fi: string;
  name_sv: string;
  name_en: string;
  colour: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CityFields {
  code: string;
  nameFi: string;
  nameSv: string;
  nameEn: string;
  colour: string;
}

export function createCityRepository(db: Db) {
  const all = db.prepare<[], CityRow>('SELECT * FROM cities ORDER BY active DESC, name_fi, id');
  const active = db.prepare<[], CityRow>('SELECT * FROM cities WHERE active = 1 ORDER BY id');
  const byId = db.prepare<[number], CityRow>('SELECT * FROM cities WHERE id = ?');
  const byCode = db.prepare<[string], CityRow>('SELECT * FROM cities WHERE code = ?');
  const insert = db.prepare('INSERT INTO cities (code, name_fi, name_sv, name_en, colour) VALUES (@code, @nameFi, @nameSv, @nameEn, @colour)');
  const update = db.prepare(
    `UPDATE cities SET code = @code, name_fi = @nameFi, name_sv = @nameSv, name_en = @nameEn, colour = @colour,
       active = @active, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = @id AND version = @version`,
  );
  const setActive = db.prepare(
    `UPDATE cities SET active = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = ? AND version = ?`,
  );
  return {
    all: () => all.all(),
    active: () => active.all(),
    byId: (id: number) => byId.get(id),
    byCode: (code: string) => byCode.get(code),
    insert: (c: CityFields) => Number(insert.run(c).lastInsertRowid),
    /** False when the version read is no longer current. */
    update: (c: CityFields & { id: number; version: number; active: boolean }) => update.run({ ...c, active: c.active ? 1 : 0 }).changes === 1,
    setActive: (id: number, isActive: boolean, version: number) => setActive.run(isActive ? 1 : 0, id, version).changes === 1,
  };
}
export type CityRepository = ReturnType<typeof createCityRepository>;
