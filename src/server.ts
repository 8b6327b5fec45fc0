import { ensureAdmin, resolveSessionSecret } from './bootstrap.js';
import { parseConfig, ConfigError } from './config.js';
import { createApp } from './app.js';
import { createContext } from './context.js';
import { DatabaseUnusableError, openUsableDatabase } from './db/health.js';
import { applyServerTimeouts, shutdownGracefully } from './http/lifecycle.js';
import { MigrationError } from './db/migrate.js';
import { processRegistry } from './features/metrics/metrics.js';
import { scheduleBackups } from './ops/backup-schedule.js';
import { createLogger } from './ops/logging.js';
import { upgradeDatabase } from './ops/upgrade.js';
import { collectDefaultMetrics } from 'prom-client';
import { checkOidcAtStart } from './features/oidc/start.js';
import { startOutboxWorker } from './features/outbox/worker.js';
import { demoUsersMessage, seedDemoIfEmpty } from './seed/demo.js';
import { startScheduler } from './features/my-day/scheduler.js';
import { loadSolver } from './rotation/solver.js';

// Production unless told otherwise (npm run dev says development): Express
// then never shows its own error pages' details, whatever reaches it.
process.env.NODE_ENV ||= 'production';

// The only module with side effects: open the database, migrate, seed, listen.
async function main(): Promise<void> {
  const base = parseConfig(process.env);
  const log = createLogger(base.logLevel);
  // Refuses (DatabaseUnusableError) a database that cannot be written.
  const db = openUsableDatabase(base.databasePath);
  // Refuses (MigrationError) a database whose history does not match the files; backs up before migrating.
  const { applied } = await upgradeDatabase(db, base, log);
  if (applied.length) log.info(`Applied migrations: ${applied.join(', ')}`, { migrations: applied });
  const config = { ...base, sessionSecret: resolveSessionSecret(db, base.sessionSecret) };
  const ctx = createContext({ db, config, log });
  // The MIP solver is WebAssembly and loads asynchronously; without it the engine repairs and says so.
  if (!(await loadSolver())) log.info('HiGHS could not be loaded: rosters are generated with repair and local search only.');

  const admin = await ensureAdmin(ctx, config.adminPassword);
  if (admin.generatedPassword) {
    console.log(`Created user "admin" with the password: ${admin.generatedPassword}`);
    console.log('This password is shown only once. Set ADMIN_PASSWORD to choose your own.');
  }
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(ctx, config.demoPassword);
    if (seeded) {
      console.log(`Seeded the demo: ${seeded.cities} cities, ${seeded.services} services, ${seeded.advisers} advisers, ${seeded.roster}.`);
      console.log(demoUsersMessage(seeded));
    }
  }

  checkOidcAtStart(ctx);

  // Delivers the outbox (emails, webhooks), including what a restart left
  // pending, and announces turns as they start.
  const worker = startOutboxWorker(ctx);

  // Operations: process metrics for /metrics and the daily backup (BACKUP_DIR, BACKUP_AT).
  collectDefaultMetrics({ register: processRegistry });
  const backups = scheduleBackups(db, config, log);

  const app = createApp({ db, config, log });
  const server = app.listen(config.port, config.host, () => {
    log.info(`vuoro is serving ${config.baseUrl} (database: ${config.databasePath}, ${app.get('env') as string} mode)`);
  });
  const purge = setInterval(() => {
    const now = Date.now();
    ctx.repos.sessions.purgeExpired(now - config.sessionIdleMs, now - config.sessionAbsoluteMs);
  }, 10 * 60_000);
  purge.unref();
  // Reminders of turns and notices of moved or removed turns, once a minute.
  const scheduler = startScheduler(ctx);

  applyServerTimeouts(server);
  // The outbox worker stops taking messages at once (one in flight finishes or is
  // retried after its lease); the database closes once every request has ended.
  const stop = shutdownGracefully(server, {
    close: () => {
      backups?.stop();
      scheduler.stop();
      db.close();
    },
    log: (m) => log.info(m),
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      void worker.stop();
      stop(signal);
    });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof MigrationError || err instanceof DatabaseUnusableError ? err.message : err);
  process.exit(1);
});
