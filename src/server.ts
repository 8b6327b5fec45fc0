import { ensureAdmin, resolveSessionSecret } from './bootstrap.js';
import { parseConfig, ConfigError } from './config.js';
import { createApp } from './app.js';
import { createContext } from './context.js';
import { DatabaseUnusableError, openUsableDatabase } from './db/health.js';
import { applyServerTimeouts, shutdownGracefully } from './http/lifecycle.js';
import { migrate } from './db/migrate.js';
import { deliverPendingNotifications } from './features/notifications/rules.js';
import { demoUsersMessage, seedDemoIfEmpty } from './seed/demo.js';

// Production unless told otherwise (npm run dev says development): Express
// then never shows its own error pages' details, whatever reaches it.
process.env.NODE_ENV ||= 'production';

// The only module with side effects: open the database, migrate, seed, listen.
async function main(): Promise<void> {
  const base = parseConfig(process.env);
  const db = openUsableDatabase(base.databasePath);
  const applied = migrate(db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  const config = { ...base, sessionSecret: resolveSessionSecret(db, base.sessionSecret) };
  const ctx = createContext({ db, config });

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

  // Messages committed before a restart but not yet mailed go out now.
  void deliverPendingNotifications(ctx);

  const app = createApp({ db, config });
  const server = app.listen(config.port, config.host, () => {
    console.log(`vuoro is serving ${config.baseUrl} (database: ${config.databasePath}, ${app.get('env') as string} mode)`);
  });
  const purge = setInterval(() => {
    const now = Date.now();
    ctx.repos.sessions.purgeExpired(now - config.sessionIdleMs, now - config.sessionAbsoluteMs);
  }, 10 * 60_000);
  purge.unref();

  applyServerTimeouts(server);
  const stop = shutdownGracefully(server, { close: () => db.close(), log: (m) => console.log(m) });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof DatabaseUnusableError ? err.message : err);
  process.exit(1);
});
