import type { Db } from './db/connection.js';
import { createSessionRepository } from './features/auth/sessions.repository.js';
import { createApiTokenRepository } from './features/auth/tokens.repository.js';
import { createUserRepository } from './features/users/repository.js';

/** Every repository, with its statements prepared once per database. */
export function createRepositories(db: Db) {
  return {
    sessions: createSessionRepository(db),
    users: createUserRepository(db),
    apiTokens: createApiTokenRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
