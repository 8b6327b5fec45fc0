import type { Db } from '../../db/connection.js';

export type WebhookFormat = 'json' | 'teams';

export interface WebhookRow {
  id: number;
  url: string;
  /** JSON array of event types. */
  events: string;
  format: WebhookFormat;
  language: string;
  secret: string;
  active: number;
  consecutive_failures: number;
  disabled_at: string | null;
  created_by: number | null;
  created_at: string;
  deleted_at: string | null;
  version: number;
}

/** A turn with what webhooks say of it. */
export interface WebhookTurnRow {
  id: number;
  date: string;
  start_at: string;
  end_at: string;
  status: 'draft' | 'published';
  version: number;
  service: string;
  city: string | null;
  service_fi: string;
  service_sv: string;
  service_en: string;
  city_fi: string | null;
  city_sv: string | null;
  city_en: string | null;
  /** JSON array of {id, name}, ordered by name. */
  advisers_json: string;
}

export interface NewWebhook {
  url: string;
  events: readonly string[];
  format: WebhookFormat;
  language: string;
  secret: string;
  createdBy: number;
  at: string;
}

export function createWebhookRepository(db: Db) {
  const insert = db.prepare<Omit<NewWebhook, 'events'> & { events: string }>(
    'INSERT INTO webhooks (url, events, format, language, secret, created_by, created_at) VALUES (@url, @events, @format, @language, @secret, @createdBy, @at)',
  );
  const turn = db.prepare<[number], WebhookTurnRow>(
    `SELECT t.id, t.date, t.start_at, t.end_at, t.status, t.version, s.code AS service, c.code AS city,
            s.name_fi AS service_fi, s.name_sv AS service_sv, s.name_en AS service_en,
            c.name_fi AS city_fi, c.name_sv AS city_sv, c.name_en AS city_en,
            (SELECT json_group_array(json_object('id', x.id, 'name', x.name))
               FROM (SELECT ad.id, ad.name FROM assignments a JOIN advisers ad ON ad.id = a.adviser_id
                      WHERE a.turn_id = t.id ORDER BY ad.name, ad.id) x) AS advisers_json
       FROM turns t JOIN services s ON s.id = t.service_id LEFT JOIN cities c ON c.id = t.city_id WHERE t.id = ?`,
  );
  // Published turns that started in (after, upTo] and still run: the worker announces each once.
  const startedBetween = db.prepare<[string, string, string], { id: number; start_at: string }>(
    "SELECT id, start_at FROM turns WHERE status = 'published' AND start_at > ? AND start_at <= ? AND end_at > ? ORDER BY start_at, id",
  );
  const adviserName = db.prepare<[number], { name: string }>('SELECT name FROM advisers WHERE id = ?');
  const byId = db.prepare<[number], WebhookRow>('SELECT * FROM webhooks WHERE id = ? AND deleted_at IS NULL');
  const anyById = db.prepare<[number], WebhookRow>('SELECT * FROM webhooks WHERE id = ?');
  const list = db.prepare<[], WebhookRow>('SELECT * FROM webhooks WHERE deleted_at IS NULL ORDER BY id');
  const subscribed = db.prepare<[string], WebhookRow>(
    'SELECT * FROM webhooks WHERE active = 1 AND deleted_at IS NULL AND EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?) ORDER BY id',
  );
  const remove = db.prepare<[string, number]>('UPDATE webhooks SET deleted_at = ?, active = 0, version = version + 1 WHERE id = ? AND deleted_at IS NULL');
  const succeeded = db.prepare<[number]>('UPDATE webhooks SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures <> 0');
  const failed = db.prepare<[number], { consecutive_failures: number; active: number }>(
    'UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = ? RETURNING consecutive_failures, active',
  );
  const disable = db.prepare<[string, number]>(
    'UPDATE webhooks SET active = 0, disabled_at = ?, version = version + 1 WHERE id = ? AND active = 1 AND deleted_at IS NULL',
  );
  const enable = db.prepare<[number, number]>(
    'UPDATE webhooks SET active = 1, disabled_at = NULL, consecutive_failures = 0, version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL',
  );
  const admins = db.prepare<[], { id: number; language: string | null }>("SELECT id, language FROM users WHERE role = 'admin' AND active = 1 ORDER BY id");

  return {
    admins: () => admins.all(),
    insert: (w: NewWebhook) => Number(insert.run({ ...w, events: JSON.stringify(w.events) }).lastInsertRowid),
    turn: (id: number) => turn.get(id),
    startedBetween: (after: string, upTo: string) => startedBetween.all(after, upTo, upTo),
    adviserName: (id: number) => adviserName.get(id)?.name ?? null,
    byId: (id: number) => byId.get(id),
    /** Deleted ones too: for the delivery log and the worker. */
    anyById: (id: number) => anyById.get(id),
    list: () => list.all(),
    subscribedTo: (type: string) => subscribed.all(type),
    remove: (id: number, at: string) => remove.run(at, id).changes === 1,
    succeeded: (id: number) => succeeded.run(id),
    failed: (id: number) => failed.get(id),
    disable: (id: number, at: string) => disable.run(at, id).changes === 1,
    enable: (id: number, version: number) => enable.run(id, version).changes === 1,
  };
}
export type WebhookRepository = ReturnType<typeof createWebhookRepository>;
