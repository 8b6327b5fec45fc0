import type { Db } from '../../db/connection.js';

export interface PeriodRow {
  id: number;
  from_date: string;
  to_date: string;
  created_by: number | null;
  created_at: string;
  generated_at: string;
  published_by: number | null;
  published_at: string | null;
  version: number;
}
export interface AcceptanceRow {
  id: number;
  from_date: string;
  to_date: string;
  city_id: number;
  fingerprint: string;
  status: 'accepted' | 'withdrawn' | 'published';
  accepted_by: number | null;
  accepted_by_name: string | null;
  accepted_at: string;
  withdrawn_at: string | null;
}
export interface PartRow {
  id: number;
  version: number;
  city_id: number;
  status: string;
  advisers: string | null;
}
export interface SupervisorRow {
  id: number;
  city_id: number;
  language: string | null;
}

/** The SQL of planning periods and the cities' acceptances. */
export function createPlanningRepository(db: Db) {
  const periodById = db.prepare<[number], PeriodRow>('SELECT * FROM planning_periods WHERE id = ?');
  const periodByRange = db.prepare<[string, string], PeriodRow>('SELECT * FROM planning_periods WHERE from_date = ? AND to_date = ?');
  const insertPeriod = db.prepare(`INSERT INTO planning_periods (from_date, to_date, created_by, created_at, generated_at) VALUES (?, ?, ?, ?, ?)`);
  const refreshPeriod = db.prepare(
    'UPDATE planning_periods SET generated_at = ?, published_at = NULL, published_by = NULL, version = version + 1 WHERE id = ?',
  );
  const publishPeriods = db.prepare(
    `UPDATE planning_periods SET published_at = @at, published_by = @userId, version = version + 1
     WHERE published_at IS NULL AND from_date >= @from AND to_date <= @to`,
  );
  // In progress: not published, or ending today or later (a published period still being adjusted).
  const openPeriods = db.prepare<[string], PeriodRow>(
    `SELECT * FROM planning_periods WHERE published_at IS NULL OR to_date >= ? ORDER BY from_date, to_date LIMIT 20`,
  );
  const acceptancesOverlapping = db.prepare<[string, string], AcceptanceRow>(
    `SELECT c.*, u.display_name AS accepted_by_name FROM city_acceptances c LEFT JOIN users u ON u.id = c.accepted_by
     WHERE c.to_date >= ? AND c.from_date <= ? ORDER BY c.accepted_at DESC, c.id DESC`,
  );
  const activeAcceptances = db.prepare<[], AcceptanceRow>(
    `SELECT c.*, NULL AS accepted_by_name FROM city_acceptances c WHERE c.status = 'accepted' ORDER BY c.id`,
  );
  const insertAcceptance = db.prepare(
    `INSERT INTO city_acceptances (from_date, to_date, city_id, fingerprint, accepted_by, accepted_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const withdraw = db.prepare(`UPDATE city_acceptances SET status = 'withdrawn', withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND status = 'accepted'`);
  const markPublished = db.prepare(`UPDATE city_acceptances SET status = 'published' WHERE status = 'accepted' AND from_date <= ? AND to_date >= ?`);
  // A city's part of a range: its turns with their versions and advisers, for the fingerprint.
  const part = db.prepare<[string, string, number], PartRow>(
    `SELECT t.id, t.version, t.city_id, t.status,
       (SELECT group_concat(x, ',') FROM (SELECT a.adviser_id || ':' || a.pinned AS x FROM assignments a WHERE a.turn_id = t.id ORDER BY a.adviser_id)) AS advisers
     FROM turns t WHERE t.date BETWEEN ? AND ? AND t.city_id = ? ORDER BY t.id`,
  );
  const draftCities = db.prepare<[string, string], { city_id: number; first: string; last: string }>(
    `SELECT city_id, min(date) AS first, max(date) AS last FROM turns
     WHERE status = 'draft' AND city_id IS NOT NULL AND date BETWEEN ? AND ? GROUP BY city_id ORDER BY city_id`,
  );
  const supervisors = db.prepare<[], SupervisorRow>(
    "SELECT id, city_id, language FROM users WHERE role = 'supervisor' AND active = 1 AND city_id IS NOT NULL ORDER BY id",
  );

  return {
    periodById: (id: number) => periodById.get(id),
    periodByRange: (from: string, to: string) => periodByRange.get(from, to),
    insertPeriod: (from: string, to: string, userId: number | null, at: string) => Number(insertPeriod.run(from, to, userId, at, at).lastInsertRowid),
    refreshPeriod: (id: number, at: string) => refreshPeriod.run(at, id),
    publishPeriods: (from: string, to: string, at: string, userId: number | null) => publishPeriods.run({ from, to, at, userId }).changes,
    openPeriods: (today: string) => openPeriods.all(today),
    acceptancesOverlapping: (from: string, to: string) => acceptancesOverlapping.all(from, to),
    activeAcceptances: () => activeAcceptances.all(),
    insertAcceptance: (from: string, to: string, cityId: number, fingerprint: string, userId: number | null, at: string) =>
      Number(insertAcceptance.run(from, to, cityId, fingerprint, userId, at).lastInsertRowid),
    withdraw: (id: number, at: string, userId: number | null) => withdraw.run(at, userId, id).changes === 1,
    /** Acceptances overlapping a published range are used up: a later change withdraws nothing. */
    markPublished: (from: string, to: string) => markPublished.run(to, from).changes,
    part: (from: string, to: string, cityId: number) => part.all(from, to, cityId),
    draftCities: (from: string, to: string) => draftCities.all(from, to),
    supervisors: () => supervisors.all(),
  };
}
export type PlanningRepository = ReturnType<typeof createPlanningRepository>;
