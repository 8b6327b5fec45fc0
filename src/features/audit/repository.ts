import type { Db } from '../../db/connection.js';

export interface NewAuditRow {
  at: string;
  userId: number | null;
  kind: string;
  entity: string;
  entityId: number | null;
  cityId: number | null;
  adviserId: number | null;
  before: string | null;
  after: string | null;
  objectType: string | null;
  objectRef: string | null;
  overrideReason: string | null;
}

/** One change with the names a reader needs. */
export interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  user_name: string | null;
  kind: string;
  entity: string;
  entity_id: number | null;
  city_id: number | null;
  adviser_id: number | null;
  before: string | null;
  after: string | null;
  object_type: string | null;
  object_ref: string | null;
  override_reason: string | null;
}

/** Filter values as bound parameters; null means "any". `from` inclusive, `to` exclusive (UTC instants). */
export interface AuditFilterParams {
  from: string | null;
  to: string | null;
  cityId: number | null;
  adviserId: number | null;
  kind: string | null;
}

export interface NamedRow {
  id: number;
  name_fi: string;
  name_sv: string;
  name_en: string;
}
export interface AdviserNameRow {
  id: number;
  name: string;
  city_id: number;
}

// One statement for every filter combination: a null parameter disables its
// condition, so no SQL is ever assembled from user input.
const FILTER = `
  (@from IS NULL OR a.at >= @from) AND (@to IS NULL OR a.at < @to)
  AND (@cityId IS NULL OR a.city_id = @cityId) AND (@kind IS NULL OR a.kind = @kind)
  AND (@adviserId IS NULL OR EXISTS (SELECT 1 FROM audit_log_advisers x WHERE x.audit_id = a.id AND x.adviser_id = @adviserId))`;
const COLUMNS = `a.id, a.at, a.user_id, u.display_name AS user_name, a.kind, a.entity, a.entity_id, a.city_id, a.adviser_id, a.before, a.after, a.object_type, a.object_ref, a.override_reason`;
const MINE = `EXISTS (SELECT 1 FROM audit_log_advisers x WHERE x.audit_id = a.id AND x.adviser_id = @adviserId)`;

export function createAuditRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, user_id, kind, entity, entity_id, city_id, adviser_id, before, after, object_type, object_ref, override_reason)
     VALUES (@at, @userId, @kind, @entity, @entityId, @cityId, @adviserId, @before, @after, @objectType, @objectRef, @overrideReason)`,
  );
  const insertAdviser = db.prepare('INSERT OR IGNORE INTO audit_log_advisers (audit_id, adviser_id) VALUES (?, ?)');
  const page = db.prepare<[AuditFilterParams & { limit: number; offset: number }], AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
     WHERE ${FILTER} ORDER BY a.at DESC, a.id DESC LIMIT @limit OFFSET @offset`,
  );
  const count = db.prepare<[AuditFilterParams], { n: number }>(`SELECT count(*) AS n FROM audit_log a WHERE ${FILTER}`);
  const minePage = db.prepare<[{ adviserId: number; limit: number; offset: number }], AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
     WHERE ${MINE} ORDER BY a.at DESC, a.id DESC LIMIT @limit OFFSET @offset`,
  );
  const mineCount = db.prepare<[{ adviserId: number }], { n: number }>(`SELECT count(*) AS n FROM audit_log a WHERE ${MINE}`);
  // Changes the user made themselves are not news to them.
  const unseen = db.prepare<[{ adviserId: number; userId: number }], { n: number }>(
    `SELECT count(*) AS n FROM audit_log a
     WHERE ${MINE} AND (a.user_id IS NULL OR a.user_id <> @userId)
       AND a.at > coalesce((SELECT last_seen_at FROM change_views WHERE user_id = @userId), '')`,
  );
  const lastSeen = db.prepare<[number], { last_seen_at: string }>('SELECT last_seen_at FROM change_views WHERE user_id = ?');
  const setLastSeen = db.prepare(
    `INSERT INTO change_views (user_id, last_seen_at) VALUES (?, ?)
     ON CONFLICT (user_id) DO UPDATE SET last_seen_at = max(last_seen_at, excluded.last_seen_at)`,
  );
  const affected = db.prepare<[number], { adviser_id: number }>('SELECT adviser_id FROM audit_log_advisers WHERE audit_id = ? ORDER BY adviser_id');
  const adviserNames = db.prepare<[string], AdviserNameRow>('SELECT id, name, city_id FROM advisers WHERE id IN (SELECT value FROM json_each(?))');
  const cityNames = db.prepare<[string], NamedRow>('SELECT id, name_fi, name_sv, name_en FROM cities WHERE id IN (SELECT value FROM json_each(?))');
  const cities = db.prepare<[], NamedRow>('SELECT id, name_fi, name_sv, name_en FROM cities ORDER BY name_fi');
  const advisers = db.prepare<[], AdviserNameRow>('SELECT id, name, city_id FROM advisers ORDER BY name, id');
  const after = db.prepare<[AuditFilterParams & { userId: number | null; cursor: number | null; limit: number }], AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
     WHERE ${FILTER} AND (@userId IS NULL OR a.user_id = @userId) AND (@cursor IS NULL OR a.id < @cursor)
     ORDER BY a.id DESC LIMIT @limit`,
  );
  const kinds = db.prepare<[], { kind: string }>('SELECT DISTINCT kind FROM audit_log ORDER BY kind');

  return {
    insert: (row: NewAuditRow, adviserIds: readonly number[]): number => {
      const id = Number(insert.run(row).lastInsertRowid);
      for (const adviserId of adviserIds) insertAdviser.run(id, adviserId);
      return id;
    },
    page: (filter: AuditFilterParams, limit: number, offset: number) => page.all({ ...filter, limit, offset }),
    count: (filter: AuditFilterParams) => count.get(filter)?.n ?? 0,
    minePage: (adviserId: number, limit: number, offset: number) => minePage.all({ adviserId, limit, offset }),
    mineCount: (adviserId: number) => mineCount.get({ adviserId })?.n ?? 0,
    unseenCount: (userId: number, adviserId: number) => unseen.get({ userId, adviserId })?.n ?? 0,
    lastSeen: (userId: number) => lastSeen.get(userId)?.last_seen_at ?? null,
    setLastSeen: (userId: number, at: string) => setLastSeen.run(userId, at),
    affectedAdvisers: (auditId: number) => affected.all(auditId).map((r) => r.adviser_id),
    adviserNames: (ids: readonly number[]) => adviserNames.all(JSON.stringify(ids)),
    cityNames: (ids: readonly number[]) => cityNames.all(JSON.stringify(ids)),
    cities: () => cities.all(),
    advisers: () => advisers.all(),
    kinds: () => kinds.all().map((r) => r.kind),
    /** Newest first (by id, the order of writing) below the cursor id. */
    pageBefore: (filter: AuditFilterParams & { userId: number | null }, cursor: number | null, limit: number) => after.all({ ...filter, cursor, limit }),
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
