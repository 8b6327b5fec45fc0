import { z } from 'zod';
import { parseRoleMap, type OidcRoleMap } from './features/oidc/role-map.js';

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes'].includes(v));

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
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  // "false", a hop count ("1") or addresses/names Express knows ("loopback",
  // "10.0.0.1, 10.0.0.2"). Not "true": that trusts any X-Forwarded-For a
  // client sends, which would let it choose its own IP for the rate limits.
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .refine((v) => v !== 'true', 'TRUST_PROXY=true would trust client-sent X-Forwarded-For; give a hop count (e.g. 1) or the proxy addresses')
    .transform((v): TrustProxy => (v === 'false' || v === '0' || v === '' ? false : /^\d+$/.test(v) ? Number(v) : v)),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('vuoro <vuoro@localhost>'),
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(1024).default(19456),
  LOG_REQUESTS: bool(false),
  // Single sign-on: all off unless OIDC_ISSUER is set.
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  // Empty: a public client (PKCE alone); most city providers issue a secret.
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_SCOPES: z.string().trim().min(1).default('openid profile email'),
  // A claim name, or a dotted path into the claims (e.g. realm_access.roles).
  OIDC_ROLE_CLAIM: z
    .string()
    .trim()
    .regex(/^[\w:/-]+(\.[\w:/-]+)*$/)
    .default('groups'),
  OIDC_ROLE_MAP: z.string().default('{}'),
  PASSWORD_LOGIN: bool(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Daily online backups by the server, only when BACKUP_DIR is set.
  BACKUP_DIR: z.string().trim().optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
  BACKUP_AT: z
    .string()
    .trim()
    .default('02:30')
    .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'BACKUP_AT must be HH:MM (24-hour, Helsinki time), e.g. 02:30'),
  // /metrics answers direct loopback callers (a Prometheus on the same host) without a token.
  METRICS_LOOPBACK: bool(true),
  CALENDAR_INVITES: bool(false),
  OUTBOX_POLL_SECONDS: z.coerce.number().min(0.05).max(300).default(2),
  OUTBOX_RETRY_SECONDS: z.coerce.number().min(0.01).max(30).default(15),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  WEBHOOK_DISABLE_AFTER: z.coerce.number().int().min(1).max(1000).default(10),
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
  /** Single sign-on with OpenID Connect; null when OIDC_ISSUER is unset. */
  oidc: OidcConfig | null;
  /** Local user name and password login (PASSWORD_LOGIN); off only where single sign-on is on. */
  passwordLogin: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where backups go; undefined: no daily backup (pre-migration copies then go beside the database). */
  backupDir: string | undefined;
  backupKeep: number;
  /** HH:MM in Europe/Helsinki. */
  backupAt: string;
  metricsLoopback: boolean;
  /** Whether users who have not chosen get turn invitations by email (each user may change it). */
  calendarInvites: boolean;
  outbox: OutboxSettings;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string;
  roleClaim: string;
  roleMap: OidcRoleMap;
}

/** How the background worker delivers the outbox. */
export interface OutboxSettings {
  pollMs: number;
  /** The first retry's delay; each further one doubles it, up to an hour. */
  retryBaseMs: number;
  /** After this many failed attempts a message is given up (shown as failed, retried by hand). */
  maxAttempts: number;
  /** A webhook is disabled after this many failed deliveries in a row. */
  webhookDisableAfter: number;
}

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv): Omit<AppConfig, 'sessionSecret'> & { sessionSecret: string | undefined } {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const oidc = oidcConfig(e);
  if (!e.PASSWORD_LOGIN && !oidc)
    throw new ConfigError('Invalid configuration:\n  PASSWORD_LOGIN: false needs single sign-on (OIDC_ISSUER), or nobody could log in');
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
    oidc,
    passwordLogin: e.PASSWORD_LOGIN,
    logLevel: e.LOG_LEVEL,
    backupDir: e.BACKUP_DIR || undefined,
    backupKeep: e.BACKUP_KEEP,
    backupAt: e.BACKUP_AT,
    metricsLoopback: e.METRICS_LOOPBACK,
    calendarInvites: e.CALENDAR_INVITES,
    outbox: {
      pollMs: Math.round(e.OUTBOX_POLL_SECONDS * 1000),
      retryBaseMs: Math.round(e.OUTBOX_RETRY_SECONDS * 1000),
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      webhookDisableAfter: e.WEBHOOK_DISABLE_AFTER,
    },
  };
}

function oidcConfig(e: z.infer<typeof EnvSchema>): OidcConfig | null {
  if (!e.OIDC_ISSUER) return null;
  const problems: string[] = [];
  if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: required with OIDC_ISSUER');
  const issuer = new URL(e.OIDC_ISSUER);
  // Plain http only to a provider on this machine (a test or a local Keycloak):
  // anywhere else the codes and tokens would cross the network readable.
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopback(issuer.hostname))) {
    problems.push('OIDC_ISSUER: must be an https URL (http only on 127.0.0.1, [::1] or localhost)');
  }
  if (!e.OIDC_SCOPES.split(/\s+/).includes('openid')) problems.push('OIDC_SCOPES: must include openid');
  const roleMap = parseRoleMap(e.OIDC_ROLE_MAP);
  if (!roleMap.ok) problems.push(...roleMap.problems.map((p) => `OIDC_ROLE_MAP: ${p}`));
  if (problems.length || !roleMap.ok || !e.OIDC_CLIENT_ID) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET || undefined,
    scopes: e.OIDC_SCOPES.split(/\s+/).join(' '),
    roleClaim: e.OIDC_ROLE_CLAIM,
    roleMap: roleMap.map,
  };
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** A config for tests and tools: the defaults, with a fixed secret. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...parseConfig({}), sessionSecret: 'test-secret-test-secret-test-secret!', argon2MemoryKib: 1024, ...overrides };
}
