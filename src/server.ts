import { randomBytes } from 'node:crypto';
import { ensureAdmin, resolveSessionSecret } from './bootstrap.js';
import { parseConfig, ConfigError } from './config.js';
import { createApp } from './app.js';
import { createContext } from './context.js';
import { openDatabase } from './db/connection.js';
import { MigrationError } from './db/migrate.js';
import { processRegistry } from './features/metrics/metrics.js';
import { scheduleBackups } from './ops/backup-schedule.js';
import { createLogger } from './ops/logging.js';
import { upgradeDatabase } from './ops/upgrade.js';
import { collectDefaultMetrics } from 'prom-client';
import { checkOidcAtStart } from './features/oidc/start.js';
import { startOutboxWorker } from './features/outbox/worker.js';
import { seedDemoIfEmpty } from './seed/demo.js';

// The only module with side effects: open the database, migrate, seed, listen.
async function main(): Promise<void> {
  const base = parseConfig(process.env);
  const log = createLogger(base.logLevel);
  const db = openDatabase(base.databasePath);
  // Refuses (MigrationError) a database whose history does not match the files; backs up before migrating.
  const { applied } = await upgradeDatabase(db, base, log);
  if (applied.length) log.info(`Applied migrations: ${applied.join(', ')}`, { migrations: applied });
  const config = { ...base, sessionSecret: resolveSessionSecret(db, base.sessionSecret) };
  const ctx = createContext({ db, config, log });

  const admin = await ensureAdmin(ctx, config.adminPassword);
  if (admin.generatedPassword) {
    console.log(`Created user "admin" with the password: ${admin.generatedPassword}`);
    console.log('This password is shown only once. Set ADMIN_PASSWORD to choose your own.');
  }
  if (config.seedDemo) {
    const demoPassword = config.adminPassword ?? admin.generatedPassword ?? randomBytes(12).toString('base64url');
    const seeded = await seedDemoIfEmpty(ctx, demoPassword);
    if (seeded) {
      console.log(`Seeded the demo: ${seeded.cities} cities, ${seeded.services} services, ${seeded.advisers} advisers, ${seeded.roster}.`);
      const same = demoPassword === (config.adminPassword ?? admin.generatedPassword);
      console.log(`Demo users: ${seeded.users.join(', ')} (password: ${same ? 'the same as admin' : demoPassword})`);
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
    log.info(`vuoro is serving ${config.baseUrl} (database: ${config.databasePath})`);
  });
  const purge = setInterval(() => {
    const now = Date.now();
    ctx.repos.sessions.purgeExpired(now - config.sessionIdleMs, now - config.sessionAbsoluteMs);
  }, 10 * 60_000);
  purge.unref();

  const stop = () => {
    backups?.stop();
    server.close(() => {
      void worker.stop().finally(() => {
        db.close();
        process.exit(0);
      });
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof MigrationError ? err.message : err);
  process.exit(1);
});
