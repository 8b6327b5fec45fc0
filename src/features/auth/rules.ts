import type { AppContext } from '../../context.js';
import type { UserRow } from '../users/repository.js';
import { hashToken, newToken } from './secrets.js';

// A fixed argon2id hash to verify against when the user does not exist, so
// unknown users take as long as wrong passwords.
let dummyHash: Promise<string> | null = null;

export async function checkCredentials(ctx: AppContext, username: string, password: string): Promise<UserRow | null> {
  const user = ctx.repos.users.byUsername(username);
  // A user made by single sign-on has no password ('') and cannot log in with one.
  if (!user || user.active !== 1 || user.password_hash === '') {
    dummyHash ??= ctx.hasher.hash('not-a-real-password');
    await ctx.hasher.verify(await dummyHash, password);
    return null;
  }
  return (await ctx.hasher.verify(user.password_hash, password)) ? user : null;
}

/** Creates an API token for a user; the plain token is returned once and never stored. */
export function createApiToken(ctx: AppContext, userId: number, label: string): { id: number; token: string } {
  const token = newToken();
  const id = ctx.repos.apiTokens.insert(userId, label, hashToken(token));
  return { id, token };
}
