import type { Db } from '../../db/connection.js';

export interface ClosureRow {
  id: number;
  date: string;
  name_fi: string;
  name_sv: string;
  name_en: string;
  created_by: number | null;
  created_at: string;
}

export interface NewClosure {
  date: string;
  nameFi: string;
  nameSv: string;
  nameEn: string;
  createdBy: number | null;
}

export function createClosureRepository(db: Db) {
  const between = db.prepare<[string, string], ClosureRow>('SELECT * FROM closures WHERE date BETWEEN ? AND ? ORDER BY date, id');
  const byId = db.prepare<[number], ClosureRow>('SELECT * FROM closures WHERE id = ?');
  const byDate = db.prepare<[string], ClosureRow>('SELECT * FROM closures WHERE date = ?');
  const insert = db.prepare('INSERT INTO closures (date, name_fi, name_sv, name_en, created_by) VALUES (@date, @nameFi, @nameSv, @nameEn, @createdBy)');
  const remove = db.prepare('DELETE FROM closures WHERE id = ?');
  return {
    between: (from: string, to: string) => between.all(from, to),
    byId: (id: number) => byId.get(id),
    byDate: (date: string) => byDate.get(date),
    insert: (c: NewClosure) => Number(insert.run(c).lastInsertRowid),
    remove: (id: number) => remove.run(id).changes === 1,
  };
}
export type ClosureRepository = ReturnType<typeof createClosureRepository>;
