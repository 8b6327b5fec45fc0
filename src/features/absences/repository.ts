import type { Db } from '../../db/connection.js';

export interface AbsenceRow {
  id: number;
  adviser_id: number;
  from_date: string;
  to_date: string;
  reason: string;
  version: number;
  created_by: number | null;
  created_at: string;
}

export type AbsenceListRow = AbsenceRow & { adviser_name: string; city_id: number };

export interface AbsenceFilter {
  adviserId: number | null;
  cityId: number | null;
  from: string | null;
  to: string | null;
}

export interface AbsenceFields {
  adviserId: number;
  from: string;
  to: string;
  reason: string;
}

export function createAbsenceRepository(db: Db) {
  const list = db.prepare<AbsenceFilter, AbsenceListRow>(
    `SELECT ab.*, a.name AS adviser_name, a.city_id FROM absences ab JOIN advisers a ON a.id = ab.adviser_id
     WHERE (@adviserId IS NULL OR ab.adviser_id = @adviserId) AND (@cityId IS NULL OR a.city_id = @cityId)
       AND (@from IS NULL OR ab.to_date >= @from) AND (@to IS NULL OR ab.from_date <= @to)
     ORDER BY ab.from_date, a.name COLLATE NOCASE, ab.id`,
  );
  const byId = db.prepare<[number], AbsenceListRow>(
    'SELECT ab.*, a.name AS adviser_name, a.city_id FROM absences ab JOIN advisers a ON a.id = ab.adviser_id WHERE ab.id = ?',
  );
  const insert = db.prepare('INSERT INTO absences (adviser_id, from_date, to_date, reason, created_by) VALUES (@adviserId, @from, @to, @reason, @createdBy)');
  const update = db.prepare(
    `UPDATE absences SET adviser_id = @adviserId, from_date = @from, to_date = @to, reason = @reason, version = version + 1
     WHERE id = @id AND version = @version`,
  );
  const remove = db.prepare('DELETE FROM absences WHERE id = ? AND version = ?');
  // The turn's version grows too: its set of advisers changes, so a supervisor
  // editing it from an older read must get a stale-version answer, which names
  // whoever entered the absence (updated_by).
  const bumpDraftTurns = db.prepare(
    `UPDATE turns SET version = version + 1, updated_at = @at, updated_by = @userId
     WHERE status = 'draft' AND date BETWEEN @from AND @to
       AND id IN (SELECT turn_id FROM assignments WHERE adviser_id = @adviserId)`,
  );
  const openDraft = db.prepare(
    `DELETE FROM assignments WHERE adviser_id = @adviserId
       AND turn_id IN (SELECT id FROM turns WHERE status = 'draft' AND date BETWEEN @from AND @to)`,
  );
  const publishedTurns = db.prepare<{ adviserId: number; from: string; to: string }, { n: number }>(
    `SELECT count(DISTINCT t.id) AS n FROM assignments asg JOIN turns t ON t.id = asg.turn_id
     WHERE asg.adviser_id = @adviserId AND t.status = 'published' AND t.date BETWEEN @from AND @to`,
  );

  return {
    list: (f: Partial<AbsenceFilter> = {}) => list.all({ adviserId: f.adviserId ?? null, cityId: f.cityId ?? null, from: f.from ?? null, to: f.to ?? null }),
    byId: (id: number) => byId.get(id),
    insert: (f: AbsenceFields, createdBy: number | null) => Number(insert.run({ ...f, createdBy }).lastInsertRowid),
    update: (id: number, version: number, f: AbsenceFields) => update.run({ ...f, id, version }).changes === 1,
    remove: (id: number, version: number) => remove.run(id, version).changes === 1,
    /** Removes the adviser's assignments on draft turns in from..to; returns how many. Call inside a transaction. */
    openDraftAssignments: (adviserId: number, from: string, to: string, by: { userId: number | null; at: string }) => {
      bumpDraftTurns.run({ adviserId, from, to, userId: by.userId, at: by.at });
      return openDraft.run({ adviserId, from, to }).changes;
    },
    /** Published turns in from..to the adviser is assigned to: left alone, the validator flags them. */
    countPublishedTurns: (adviserId: number, from: string, to: string) => publishedTurns.get({ adviserId, from, to })?.n ?? 0,
  };
}
export type AbsenceRepository = ReturnType<typeof createAbsenceRepository>;
