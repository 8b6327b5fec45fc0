import type { Db } from '../../db/connection.js';
import { STAMP_COLUMNS, type StampColumns } from '../../db/stamp.js';
import type { Role } from '../../http/types.js';

export interface SessionRow {
  id_hash: string;
  user_id: number | null;
  csrf_token: string;
  language: string | null;
  flash: string | null;
  created_at: number;
  last_seen_at: number;
}

/** A session with its user's row, if it has an active one: what every request needs, in one query. */
export interface SessionWithUser extends SessionRow, StampColumns {
  username: string | null;
  display_name: string | null;
  role: Role | null;
  city_id: number | null;
  adviser_id: number | null;
  user_language: string | null;
}

export function createSessionRepository(db: Db) {
  const find = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id_hash = ?');
  const findWithUser = db.prepare<[string], SessionWithUser>(
    `SELECT s.*, u.username, u.display_name, u.role, u.city_id, u.adviser_id, u.language AS user_language, ${STAMP_COLUMNS}
     FROM sessions s LEFT JOIN users u ON u.id = s.user_id AND u.active = 1 WHERE s.id_hash = ?`,
  );
  const insert = db.prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, language, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const removeForUser = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?');
  const setFlash = db.prepare('UPDATE sessions SET flash = ? WHERE id_hash = ?');
  const setLanguage = db.prepare('UPDATE sessions SET language = ? WHERE id_hash = ?');
  const purge = db.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?');
  return {
    find: (idHash: string) => find.get(idHash),
    findWithUser: (idHash: string) => findWithUser.get(idHash),
    insert: (s: Omit<SessionRow, 'flash'>) => insert.run(s.id_hash, s.user_id, s.csrf_token, s.language, s.created_at, s.last_seen_at),
    remove: (idHash: string) => remove.run(idHash),
    removeForUser: (userId: number) => removeForUser.run(userId),
    touch: (idHash: string, at: number) => touch.run(at, idHash),
    setFlash: (idHash: string, flash: string | null) => setFlash.run(flash, idHash),
    setLanguage: (idHash: string, language: string | null) => setLanguage.run(language, idHash),
    purgeExpired: (idleBefore: number, createdBefore: number) => purge.run(idleBefore, createdBefore).changes,
  };
}
export type SessionRepository = ReturnType<typeof createSessionRepository>;
