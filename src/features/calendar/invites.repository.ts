import type { Db } from '../../db/connection.js';
import type { FeedTurnRow } from './repository.js';

/** An adviser to invite: their address, language and choice (null: the deployment's default). */
export interface InviteeRow {
  adviser_id: number;
  name: string;
  email: string;
  user_id: number | null;
  language: string | null;
  enabled: number | null;
}

export interface InviteTurnRow extends FeedTurnRow {
  status: 'draft' | 'published';
}

export function createInviteRepository(db: Db) {
  const invitee = db.prepare<[number], InviteeRow>(
    `SELECT a.id AS adviser_id, a.name, a.email, u.id AS user_id, u.language, s.enabled
       FROM advisers a
       LEFT JOIN users u ON u.adviser_id = a.id AND u.active = 1
       LEFT JOIN calendar_invite_settings s ON s.user_id = u.id
      WHERE a.id = ?`,
  );
  // The same columns as the feeds' query, for one turn whatever its status.
  const turn = db.prepare<[number], InviteTurnRow>(
    `SELECT t.id, t.start_at, t.end_at, t.version, t.updated_at, t.published_at, t.status,
            s.name_fi AS service_fi, s.name_sv AS service_sv, s.name_en AS service_en,
            c.name_fi AS city_fi, c.name_sv AS city_sv, c.name_en AS city_en,
            (SELECT json_group_array(json_object('id', x.id, 'name', x.name))
               FROM (SELECT ad.id, ad.name FROM assignments a JOIN advisers ad ON ad.id = a.adviser_id
                      WHERE a.turn_id = t.id ORDER BY ad.name, ad.id) x) AS advisers_json
       FROM turns t JOIN services s ON s.id = t.service_id LEFT JOIN cities c ON c.id = t.city_id
      WHERE t.id = ?`,
  );
  const setting = db.prepare<[number], { enabled: number }>('SELECT enabled FROM calendar_invite_settings WHERE user_id = ?');
  const upsert = db.prepare<[number, number]>(
    'INSERT INTO calendar_invite_settings (user_id, enabled) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET enabled = excluded.enabled',
  );
  return {
    invitee: (adviserId: number) => invitee.get(adviserId),
    turn: (turnId: number) => turn.get(turnId),
    setting: (userId: number): boolean | null => {
      const r = setting.get(userId);
      return r ? r.enabled === 1 : null;
    },
    setSetting: (userId: number, enabled: boolean) => upsert.run(userId, enabled ? 1 : 0),
  };
}
export type InviteRepository = ReturnType<typeof createInviteRepository>;
