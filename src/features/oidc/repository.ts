import type { Db } from '../../db/connection.js';
import type { Role } from '../../http/types.js';
import type { UserRow } from '../users/repository.js';

export interface OidcUserRow extends UserRow {
  email: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
}

export interface OidcUserFields {
  displayName: string;
  email: string | null;
  role: Role;
  cityId: number | null;
  adviserId: number | null;
}

export function createOidcRepository(db: Db) {
  const bySubject = db.prepare<[string, string], OidcUserRow>('SELECT * FROM users WHERE oidc_issuer = ? AND oidc_subject = ?');
  const byId = db.prepare<[number], OidcUserRow>('SELECT * FROM users WHERE id = ?');
  const byAdviser = db.prepare<[number], OidcUserRow>('SELECT * FROM users WHERE adviser_id = ?');
  // A user some other provider made, by the address it gave; LIMIT 2 to see ambiguity.
  const byEarlierProviderEmail = db.prepare<[string, string], OidcUserRow>(
    'SELECT * FROM users WHERE lower(email) = lower(?) AND oidc_issuer IS NOT NULL AND oidc_issuer <> ? ORDER BY id LIMIT 2',
  );
  const usernameTaken = db.prepare<[string], { id: number }>('SELECT id FROM users WHERE username = ?');
  // Active advisers only: a left adviser's address may have been reused.
  const advisersByEmail = db.prepare<[string], { id: number; city_id: number }>(
    'SELECT id, city_id FROM advisers WHERE lower(email) = lower(?) AND active = 1 ORDER BY id LIMIT 2',
  );
  const cityByCode = db.prepare<[string], { id: number }>('SELECT id FROM cities WHERE code = ? AND active = 1');
  const insert = db.prepare(
    `INSERT INTO users (username, display_name, password_hash, role, city_id, adviser_id, language, email, oidc_issuer, oidc_subject)
     VALUES (@username, @displayName, '', @role, @cityId, @adviserId, @language, @email, @issuer, @subject)`,
  );
  const update = db.prepare(
    `UPDATE users SET display_name = @displayName, email = @email, role = @role, city_id = @cityId, adviser_id = @adviserId,
       oidc_issuer = @issuer, oidc_subject = @subject, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = @id AND version = @version`,
  );
  const setIdToken = db.prepare('UPDATE sessions SET id_token = ? WHERE csrf_token = ? AND user_id = ?');
  const idToken = db.prepare<[string, number], { id_token: string | null }>('SELECT id_token FROM sessions WHERE csrf_token = ? AND user_id = ?');

  return {
    bySubject: (issuer: string, subject: string) => bySubject.get(issuer, subject),
    byId: (id: number) => byId.get(id),
    byAdviser: (adviserId: number) => byAdviser.get(adviserId),
    /** The one user an earlier provider made with this address; undefined when none or several. */
    byEarlierProviderEmail: (email: string, issuer: string) => {
      const rows = byEarlierProviderEmail.all(email, issuer);
      return rows.length === 1 ? rows[0] : undefined;
    },
    usernameTaken: (username: string) => usernameTaken.get(username) !== undefined,
    /** The one active adviser with this address; null when there is none or several. */
    adviserByEmail: (email: string) => {
      const rows = advisersByEmail.all(email);
      return rows.length === 1 ? (rows[0] ?? null) : null;
    },
    cityIdByCode: (code: string) => cityByCode.get(code)?.id ?? null,
    insert: (u: OidcUserFields & { username: string; language: string | null; issuer: string; subject: string }) => Number(insert.run(u).lastInsertRowid),
    /** False when the version is stale. */
    update: (u: OidcUserFields & { id: number; version: number; issuer: string; subject: string }) => update.run(u).changes === 1,
    setSessionIdToken: (csrfToken: string, userId: number, token: string) => setIdToken.run(token, csrfToken, userId),
    sessionIdToken: (csrfToken: string, userId: number) => idToken.get(csrfToken, userId)?.id_token ?? null,
  };
}
export type OidcRepository = ReturnType<typeof createOidcRepository>;
