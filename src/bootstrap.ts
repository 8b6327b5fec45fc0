import { randomBytes } from 'node:crypto';
import type { AppContext } from './context.js';
import type { Db } from './db/connection.js';
import { newToken } from './features/auth/secrets.js';

/** The session secret from the environment, or one generated on first start and kept in the database. */
export function resolveSessionSecret(db: Db, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const row = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'session_secret'").get();
  if (row) return row.value;
  const secret = newToken();
  db.prepare("INSERT INTO settings (key, value) VALUES ('session_secret', ?)").run(secret);
  return secret;
}

/**
 * Creates the user "admin" if it does not exist, with ADMIN_PASSWORD or a
 * generated password that is returned so the caller can print it once.
 */
export async function ensureAdmin(ctx: AppContext, password: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
  if (ctx.repos.users.byUsername('admin')) return { created: false };
  const generated = password ? undefined : randomBytes(12).toString('base64url');
  const hash = await ctx.hasher.hash(password ?? (generated as string));
  ctx.repos.users.insert({ username: 'admin', displayName: 'Admin', passwordHash: hash, role: 'admin', cityId: null, adviserId: null, language: null });
  return generated ? { created: true, generatedPassword: generated } : { created: true };
}
