import type { Db } from '../../db/connection.js';
import { createDataStamp } from '../../db/stamp.js';

/** One turn with its service and holding city joined in, so a page needs no lookups per turn. */
export interface RosterTurnRow {
  id: number;
  service_id: number;
  service_code: string;
  date: string;
  start_at: string;
  end_at: string;
  headcount: number;
  required_language: string | null;
  status: 'draft' | 'published';
  version: number;
  city_id: number | null;
  city_code: string | null;
  city_name_fi: string | null;
  city_name_sv: string | null;
  city_name_en: string | null;
  city_colour: string | null;
}

export interface RosterAssignmentRow {
  id: number;
  turn_id: number;
  adviser_id: number;
  adviser_name: string;
  pinned: number;
}

/** Cities, services and advisers in one result: the filters and names every roster page needs. */
export interface LookupRow {
  kind: 'city' | 'service' | 'adviser';
  id: number;
  code: string | null;
  name_fi: string;
  name_sv: string;
  name_en: string;
  colour: string | null;
  active: number;
  city_id: number | null;
}

/** An absence overlapping a period: what the week view flags published turns with. */
export interface AbsenceSpanRow {
  id: number;
  adviser_id: number;
  from_date: string;
  to_date: string;
}

export interface TurnFilter {
  from: string;
  to: string;
  includeDrafts: boolean;
  cityId: number | null;
  serviceId: number | null;
  adviserId: number | null;
}

const TURN_COLUMNS = `t.id, t.service_id, s.code AS service_code, t.date, t.start_at, t.end_at, t.headcount, t.required_language,
  t.status, t.version, t.city_id, c.code AS city_code, c.name_fi AS city_name_fi, c.name_sv AS city_name_sv,
  c.name_en AS city_name_en, c.colour AS city_colour`;
const TURN_FROM = 'FROM turns t JOIN services s ON s.id = t.service_id LEFT JOIN cities c ON c.id = t.city_id';

export function createRosterViewRepository(db: Db) {
  // One statement instead of three: the week view is load-tested, and every
  // statement per request counts.
  const lookups = db.prepare<[], LookupRow>(
    `SELECT * FROM (
       SELECT 'city' AS kind, id, code, name_fi, name_sv, name_en, colour, active, NULL AS city_id FROM cities
       UNION ALL SELECT 'service', id, code, name_fi, name_sv, name_en, NULL, active, NULL FROM services
       UNION ALL SELECT 'adviser', id, NULL, name, name, name, NULL, active, city_id FROM advisers
     ) ORDER BY kind, CASE kind WHEN 'adviser' THEN name_fi END, id`,
  );
  const turns = db.prepare<TurnFilter & { drafts: number }, RosterTurnRow>(
    `SELECT ${TURN_COLUMNS} ${TURN_FROM}
     WHERE t.date BETWEEN @from AND @to
       AND (@drafts = 1 OR t.status = 'published')
       AND (@cityId IS NULL OR t.city_id = @cityId)
       AND (@serviceId IS NULL OR t.service_id = @serviceId)
       AND (@adviserId IS NULL OR EXISTS (SELECT 1 FROM assignments x WHERE x.turn_id = t.id AND x.adviser_id = @adviserId))
     ORDER BY t.date, t.start_at, s.code`,
  );
  // By date range rather than by turn ids: one prepared statement whatever the
  // number of turns; assignments of filtered-out turns are simply not used.
  const assignments = db.prepare<{ from: string; to: string; drafts: number }, RosterAssignmentRow>(
    `SELECT a.id, a.turn_id, a.adviser_id, ad.name AS adviser_name, a.pinned
     FROM assignments a JOIN turns t ON t.id = a.turn_id JOIN advisers ad ON ad.id = a.adviser_id
     WHERE t.date BETWEEN @from AND @to AND (@drafts = 1 OR t.status = 'published')
     ORDER BY a.turn_id, ad.name, a.id`,
  );
  const assignmentsOfTurns = db.prepare<[string], RosterAssignmentRow>(
    `SELECT a.id, a.turn_id, a.adviser_id, ad.name AS adviser_name, a.pinned
     FROM assignments a JOIN advisers ad ON ad.id = a.adviser_id
     WHERE a.turn_id IN (SELECT value FROM json_each(?))
     ORDER BY a.turn_id, ad.name, a.id`,
  );
  const runningAt = db.prepare<[string, string], RosterTurnRow>(
    `SELECT ${TURN_COLUMNS} ${TURN_FROM}
     WHERE t.status = 'published' AND t.start_at <= ? AND t.end_at > ?
     ORDER BY t.start_at, t.id`,
  );
  // SQLite returns the other columns from the row holding min(): the next turn per service.
  const nextPerService = db.prepare<[string, string], RosterTurnRow & { first: string }>(
    `SELECT ${TURN_COLUMNS}, min(t.start_at) AS first ${TURN_FROM}
     WHERE t.status = 'published' AND t.start_at > ? AND t.start_at < ?
     GROUP BY t.service_id`,
  );
  const ofAdviser = db.prepare<[number, string, string], RosterTurnRow>(
    `SELECT ${TURN_COLUMNS} ${TURN_FROM}
     JOIN assignments my ON my.turn_id = t.id AND my.adviser_id = ?
     WHERE t.status = 'published' AND t.date BETWEEN ? AND ?
     ORDER BY t.start_at, t.id`,
  );
  const pending = db.prepare<[string, string], { drafts: number; open: number }>(
    `SELECT coalesce(sum(t.status = 'draft'), 0) AS drafts,
            coalesce(sum((SELECT count(*) FROM assignments a WHERE a.turn_id = t.id) < t.headcount OR t.city_id IS NULL), 0) AS open
     FROM turns t WHERE t.date BETWEEN ? AND ?`,
  );

  // One statement per page whatever the number of turns (the absences_dates index serves it).
  const absencesBetween = db.prepare<[string, string], AbsenceSpanRow>(
    `SELECT id, adviser_id, from_date, to_date FROM absences WHERE to_date >= ? AND from_date <= ?
     ORDER BY adviser_id, from_date, id`,
  );

  // Cities, services and advisers change seldom but are read on every roster
  // page: the rows are kept until any write.
  const stamp = createDataStamp(db);
  let cached: { rows: LookupRow[]; stamp: string } | null = null;
  const cachedLookups = (): LookupRow[] => {
    const now = stamp();
    if (!cached || cached.stamp !== now) cached = { rows: lookups.all(), stamp: now };
    return cached.rows;
  };

  return {
    /** The same array object as long as nothing was written, so callers may memoise on it. */
    lookups: cachedLookups,
    turns: (f: TurnFilter) => turns.all({ ...f, drafts: f.includeDrafts ? 1 : 0 }),
    assignments: (from: string, to: string, includeDrafts: boolean) => assignments.all({ from, to, drafts: includeDrafts ? 1 : 0 }),
    assignmentsOfTurns: (turnIds: readonly number[]) => (turnIds.length ? assignmentsOfTurns.all(JSON.stringify(turnIds)) : []),
    /** Published turns running at an instant (UTC ISO, whole seconds, no milliseconds). */
    runningAt: (at: string) => runningAt.all(at, at),
    nextPerService: (after: string, before: string) => nextPerService.all(after, before),
    publishedOfAdviser: (adviserId: number, from: string, to: string) => ofAdviser.all(adviserId, from, to),
    absencesBetween: (from: string, to: string) => absencesBetween.all(from, to),
    pendingCounts: (from: string, to: string) => pending.get(from, to) ?? { drafts: 0, open: 0 },
  };
}
export type RosterViewRepository = ReturnType<typeof createRosterViewRepository>;
