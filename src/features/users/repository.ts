import type { Db } from '../../db/connection.js';
import type { Role } from '../../http/types.js';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  city_id: number | null;
  adviser_id: number | null;
  language: string | null;
  active: number;
  version: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  cityId: number | null;
  adviserId: number | null;
  language: string | null;
}

export function createUserRepository(db: Db) {
  const byId = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?');
  const byName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  const byAdviser = db.prepare<[number], UserRow>('SELECT * FROM users WHERE adviser_id = ?');
  const all = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY role, username');
  const insert = db.prepare(
    `INSERT INTO users (username, display_name, password_hash, role, city_id, adviser_id, language)
     VALUES (@username, @displayName, @passwordHash, @role, @cityId, @adviserId, @language)`,
  );
  const update = db.prepare(
    `UPDATE users SET display_name = @displayName, role = @role, city_id = @cityId, adviser_id = @adviserId,
       language = @language, active = @active, version = version + 1,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = @id AND version = @version`,
  );
  const setPassword = db.prepare(`UPDATE users SET password_hash = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`);
  const setPasswordAt = db.prepare(
    `UPDATE users SET password_hash = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND version = ?`,
  );
  const setLanguage = db.prepare('UPDATE users SET language = ? WHERE id = ?');
  const setLanguageAt = db.prepare(
    `UPDATE users SET language = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND version = ?`,
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  return {
    byId: (id: number) => byId.get(id),
    byUsername: (username: string) => byName.get(username),
    byAdviser: (adviserId: number) => byAdviser.get(adviserId),
    all: () => all.all(),
    insert: (u: NewUser) => Number(insert.run(u).lastInsertRowid),
    update: (u: Omit<NewUser, 'passwordHash' | 'username'> & { id: number; version: number; active: number }) => update.run(u).changes === 1,
    setPassword: (id: number, hash: string) => setPassword.run(hash, id),
    /** False when the version is stale. */
    setPasswordAt: (id: number, version: number, hash: string) => setPasswordAt.run(hash, id, version).changes === 1,
    setLanguage: (id: number, language: string | null) => setLanguage.run(language, id),
    /** False when the version is stale. */
    setLanguageAt: (id: number, version: number, language: string | null) => setLanguageAt.run(language, id, version).changes === 1,
    count: () => count.get()?.n ?? 0,
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
