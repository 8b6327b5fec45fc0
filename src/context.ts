import type { AppConfig } from './config.js';
import type { Db } from './db/connection.js';
import { argon2Hasher, type PasswordHasher } from './features/auth/passwords.js';
import { createMailer, type Mailer } from './features/notifications/mailer.js';
import { createDataStamp } from './db/stamp.js';
import { createRepositories, type Repositories } from './repositories.js';
import { consoleLogger, type Logger } from './log.js';

export type { LogFields, Logger } from './log.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** What createApp needs from the outside world. */
export interface AppDeps {
  db: Db;
  config: AppConfig;
  clock?: Clock;
  log?: Logger;
  hasher?: PasswordHasher;
  /** Default: SMTP when config.smtpUrl is set, else a log line per message. */
  mailer?: Mailer;
}

/** What every route and rule module receives. */
export interface AppContext {
  db: Db;
  config: AppConfig;
  clock: Clock;
  log: Logger;
  hasher: PasswordHasher;
  repos: Repositories;
  mailer: Mailer;
  /** Changes whenever anything is written to the database: the key of every cache. */
  stamp: () => string;
}

export function createContext(deps: AppDeps): AppContext {
  return {
    db: deps.db,
    config: deps.config,
    clock: deps.clock ?? systemClock,
    log: deps.log ?? consoleLogger,
    hasher: deps.hasher ?? argon2Hasher(deps.config.argon2MemoryKib),
    repos: createRepositories(deps.db),
    stamp: createDataStamp(deps.db),
    mailer: deps.mailer ?? createMailer(deps.config, deps.log ?? consoleLogger),
  };
}
