import { randomBytes } from 'node:crypto';
import { ensureAdmin, resolveSessionSecret } from './bootstrap.js';
import { parseConfig, ConfigError } from './config.js';
import { createApp } from './app.js';
import { createContext } from './context.js';
import { openDatabase } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { deliverPendingNotifications } from './features/notifications/rules.js';
import { loadSolver } from './rotation/solver.js';
import { seedDemoIfEmpty } from './seed/demo.js';

// The only module with side effects: open the database, migrate, seed, listen.
async function main(): Promise<void> {
  const base = parseConfig(process.env);
  const db = openDatabase(base.databasePath);
  const applied = migrate(db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  const config = { ...base, sessionSecret: resolveSessionSecret(db, base.sessionSecret) };
  const ctx = createContext({ db, config });
  // The MIP solver is WebAssembly and loads asynchronously; without it the engine repairs and says so.
  if (!(await loadSolver())) console.log('HiGHS could not be loaded: rosters are generated with repair and local search only.');

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

  // Messages committed before a restart but not yet mailed go out now.
  void deliverPendingNotifications(ctx);

  const app = createApp({ db, config });
  const server = app.listen(config.port, config.host, () => {
    console.log(`vuoro is serving ${config.baseUrl} (database: ${config.databasePath})`);
  });
  const purge = setInterval(() => {
    const now = Date.now();
    ctx.repos.sessions.purgeExpired(now - config.sessionIdleMs, now - config.sessionAbsoluteMs);
  }, 10 * 60_000);
  purge.unref();

  const stop = () => {
    server.close(() => {
      db.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
