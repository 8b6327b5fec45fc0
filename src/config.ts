import { z } from 'zod';

const bool = (def: boolean) =>
  z.enum(['true', 'false', '1', '0', 'yes', 'no']).default(def ? 'true' : 'false').transform((v) => ['true', '1', 'yes'].includes(v));

/** Every setting, with its default beside it. Parsed once, at start. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/vuoro.db'),
  ADMIN_PASSWORD: z.string().min(12, 'ADMIN_PASSWORD must be at least 12 characters').optional(),
  SEED_DEMO: bool(true),
  // One password for every demo user; unset, each gets its own, printed once.
  DEMO_PASSWORD: z.string().min(12, 'DEMO_PASSWORD must be at least 12 characters').optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  BASE_URL: z.url().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  // "false", a hop count ("1") or addresses/names Express knows ("loopback",
  // "10.0.0.1, 10.0.0.2"). Not "true": that trusts any X-Forwarded-For a
  // client sends, which would let it choose its own IP for the rate limits.
  TRUST_PROXY: z.string().trim().default('false')
    .refine((v) => v !== 'true', 'TRUST_PROXY=true would trust client-sent X-Forwarded-For; give a hop count (e.g. 1) or the proxy addresses')
    .transform((v): TrustProxy => (v === 'false' || v === '0' || v === '' ? false : /^\d+$/.test(v) ? Number(v) : v)),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('vuoro <vuoro@localhost>'),
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(1024).default(19456),
  LOG_REQUESTS: bool(false),
});

/** Express's 'trust proxy': off, a number of proxy hops, or trusted addresses. */
export type TrustProxy = false | number | string;

export interface AppConfig {
  port: number;
  host: string;
  databasePath: string;
  adminPassword: string | undefined;
  seedDemo: boolean;
  demoPassword: string | undefined;
  /** Resolved by server.ts: from SESSION_SECRET or generated once and stored in the database. */
  sessionSecret: string;
  baseUrl: string;
  /** Secure, __Host- prefixed session cookie; off only for plain http on a non-local host. */
  secureCookies: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  trustProxy: TrustProxy;
  smtpUrl: string | undefined;
  mailFrom: string;
  argon2MemoryKib: number;
  logRequests: boolean;
}

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv): Omit<AppConfig, 'sessionSecret'> & { sessionSecret: string | undefined } {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const url = new URL(baseUrl);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    adminPassword: e.ADMIN_PASSWORD,
    seedDemo: e.SEED_DEMO,
    demoPassword: e.DEMO_PASSWORD,
    sessionSecret: e.SESSION_SECRET,
    baseUrl,
    // Browsers accept Secure cookies from http://localhost, so only a plain
    // http deployment on another host has to fall back to a non-prefixed cookie.
    secureCookies: url.protocol === 'https:' || local,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    argon2MemoryKib: e.ARGON2_MEMORY_KIB,
    logRequests: e.LOG_REQUESTS,
  };
}

/** A config for tests and tools: the defaults, with a fixed secret. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...parseConfig({}), sessionSecret: 'test-secret-test-secret-test-secret!', argon2MemoryKib: 1024, ...overrides };
}
