import type { Db } from '../../db/connection.js';
import type { UserRow } from '../users/repository.js';

export interface ApiTokenRow {
  id: number;
  user_id: number;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export function createApiTokenRepository(db: Db) {
  const insert = db.prepare('INSERT INTO api_tokens (user_id, label, token_hash) VALUES (?, ?, ?)');
  const userByHash = db.prepare<[string], UserRow & { token_id: number; token_last_used_at: string | null }>(
    `SELECT u.*, t.id AS token_id, t.last_used_at AS token_last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.active = 1`,
  );
  const forUser = db.prepare<[number], ApiTokenRow>(
    'SELECT id, user_id, label, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY id DESC',
  );
  const all = db.prepare<[], ApiTokenRow>('SELECT id, user_id, label, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY id DESC');
  const byId = db.prepare<[number], ApiTokenRow>('SELECT id, user_id, label, created_at, last_used_at, revoked_at FROM api_tokens WHERE id = ?');
  const revoke = db.prepare(`UPDATE api_tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND revoked_at IS NULL`);
  const revokeForUser = db.prepare(`UPDATE api_tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE user_id = ? AND revoked_at IS NULL`);
  const used = db.prepare(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`);
  return {
    insert: (userId: number, label: string, hash: string) => Number(insert.run(userId, label, hash).lastInsertRowid),
    userByHash: (hash: string) => userByHash.get(hash),
    forUser: (userId: number) => forUser.all(userId),
    all: () => all.all(),
    byId: (id: number) => byId.get(id),
    revoke: (id: number) => revoke.run(id).changes === 1,
    /** Returns how many tokens were still live. */
    revokeForUser: (userId: number) => revokeForUser.run(userId).changes,
    markUsed: (id: number, at: string) => used.run(at, id),
  };
}
export type ApiTokenRepository = ReturnType<typeof createApiTokenRepository>;
