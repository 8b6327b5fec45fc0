import type { Db } from '../../db/connection.js';

export const FEED_SCOPES = ['adviser', 'city', 'service'] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

export interface CalendarTokenRow {
  id: number;
  scope: FeedScope;
  target_id: number;
  created_by: number | null;
  created_at: string;
  revoked_at: string | null;
  language: string;
}

export interface NamedRow {
  id: number;
  code: string;
  name_fi: string;
  name_sv: string;
  name_en: string;
  active: number;
}
export interface AdviserTargetRow {
  id: number;
  name: string;
  city_id: number;
  active: number;
}

/** A published turn in a feed, with everyone on it. */
export interface FeedTurnRow {
  id: number;
  start_at: string;
  end_at: string;
  version: number;
  updated_at: string;
  published_at: string | null;
  service_fi: string;
  service_sv: string;
  service_en: string;
  city_fi: string | null;
  city_sv: string | null;
  city_en: string | null;
  /** JSON array of {id, name}, ordered by name. */
  advisers_json: string;
}

const TOKEN_COLUMNS = 'id, scope, target_id, created_by, created_at, revoked_at, language';

// One SELECT for all three feeds; only the WHERE differs. Only published
// turns, overlapping the horizon [from, to).
const FEED_SELECT = `
  SELECT t.id, t.start_at, t.end_at, t.version, t.updated_at, t.published_at,
         s.name_fi AS service_fi, s.name_sv AS service_sv, s.name_en AS service_en,
         c.name_fi AS city_fi, c.name_sv AS city_sv, c.name_en AS city_en,
         (SELECT json_group_array(json_object('id', x.id, 'name', x.name))
            FROM (SELECT ad.id, ad.name FROM assignments a JOIN advisers ad ON ad.id = a.adviser_id
                   WHERE a.turn_id = t.id ORDER BY ad.name, ad.id) x) AS advisers_json
    FROM turns t
    JOIN services s ON s.id = t.service_id
    LEFT JOIN cities c ON c.id = t.city_id
   WHERE t.status = 'published' AND t.end_at > @from AND t.start_at < @to`;
const FEED_ORDER = ' ORDER BY t.start_at, t.id';

export function createCalendarRepository(db: Db) {
  const insertToken = db.prepare('INSERT INTO calendar_tokens (scope, target_id, token_hash, created_by, language, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const activeByHash = db.prepare<[string], CalendarTokenRow>(`SELECT ${TOKEN_COLUMNS} FROM calendar_tokens WHERE token_hash = ? AND revoked_at IS NULL`);
  const byId = db.prepare<[number], CalendarTokenRow>(`SELECT ${TOKEN_COLUMNS} FROM calendar_tokens WHERE id = ?`);
  const activeByCreator = db.prepare<[number], CalendarTokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM calendar_tokens WHERE created_by = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC`,
  );
  const revoke = db.prepare('UPDATE calendar_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');

  const adviser = db.prepare<[number], AdviserTargetRow>('SELECT id, name, city_id, active FROM advisers WHERE id = ?');
  const activeAdvisers = db.prepare<[], AdviserTargetRow>('SELECT id, name, city_id, active FROM advisers WHERE active = 1 ORDER BY name, id');
  const city = db.prepare<[number], NamedRow>('SELECT id, code, name_fi, name_sv, name_en, active FROM cities WHERE id = ?');
  const activeCities = db.prepare<[], NamedRow>('SELECT id, code, name_fi, name_sv, name_en, active FROM cities WHERE active = 1 ORDER BY id');
  const service = db.prepare<[number], NamedRow>('SELECT id, code, name_fi, name_sv, name_en, active FROM services WHERE id = ?');
  const activeServices = db.prepare<[], NamedRow>('SELECT id, code, name_fi, name_sv, name_en, active FROM services WHERE active = 1 ORDER BY id');

  type Range = { id: number; from: string; to: string };
  const adviserTurns = db.prepare<[Range], FeedTurnRow>(`${FEED_SELECT} AND t.id IN (SELECT turn_id FROM assignments WHERE adviser_id = @id)${FEED_ORDER}`);
  const cityTurns = db.prepare<[Range], FeedTurnRow>(`${FEED_SELECT} AND t.city_id = @id${FEED_ORDER}`);
  const serviceTurns = db.prepare<[Range], FeedTurnRow>(`${FEED_SELECT} AND t.service_id = @id${FEED_ORDER}`);

  return {
    insertToken: (t: { scope: FeedScope; targetId: number; hash: string; createdBy: number; language: string; at: string }) =>
      Number(insertToken.run(t.scope, t.targetId, t.hash, t.createdBy, t.language, t.at).lastInsertRowid),
    activeTokenByHash: (hash: string) => activeByHash.get(hash),
    tokenById: (id: number) => byId.get(id),
    activeTokensByCreator: (userId: number) => activeByCreator.all(userId),
    revokeToken: (id: number, at: string) => revoke.run(at, id).changes === 1,

    adviser: (id: number) => adviser.get(id),
    activeAdvisers: () => activeAdvisers.all(),
    city: (id: number) => city.get(id),
    activeCities: () => activeCities.all(),
    service: (id: number) => service.get(id),
    activeServices: () => activeServices.all(),

    turnsOfAdviser: (r: Range) => adviserTurns.all(r),
    turnsOfCity: (r: Range) => cityTurns.all(r),
    turnsOfService: (r: Range) => serviceTurns.all(r),
  };
}
export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
