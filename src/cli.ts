import { resolveSessionSecret } from './bootstrap.js';
import { COMMANDS, type CliIo } from './cli/commands.js';
import { ConfigError, parseConfig } from './config.js';
import { createContext } from './context.js';
import type { Logger } from './log.js';
import { openDatabase } from './db/connection.js';
import { MigrationError } from './db/migrate.js';
import { isLang, translator } from './i18n/index.js';
import { restoreCommand } from './cli/ops-commands.js';
import { upgradeDatabase } from './ops/upgrade.js';

// The command-line entry: `npm run cli -- <command>`. Like server.ts it has
// side effects (opens DATABASE_PATH and migrates it); the commands themselves
// live in src/cli/ and write only through the io they are given.
const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
const log: Logger = { info: (m) => io.err(m), error: (m, e) => io.err(`${m} ${e instanceof Error ? e.message : String(e ?? '')}`) };

async function main(argv: string[]): Promise<number> {
  const envLang = (process.env.LC_ALL || process.env.LANG || '').slice(0, 2).toLowerCase();
  const t = translator(isLang(envLang) ? envLang : 'en');
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help') {
    io.err(t('cli.usage'));
    return name === undefined ? 2 : 0;
  }
  if (name !== 'migrate' && name !== 'restore' && !COMMANDS[name]) {
    io.err(t('cli.unknownCommand', { command: name }));
    io.err(t('cli.usage'));
    return 2;
  }
  const base = parseConfig(process.env);
  if (name === 'restore') return restoreCommand(io, t, base.databasePath, rest);
  const db = openDatabase(base.databasePath);
  try {
    const { applied } = await upgradeDatabase(db, base, log);
    if (name === 'migrate') {
      io.out(applied.length ? t('cli.migrated', { names: applied.join(', ') }) : t('cli.upToDate'));
      return 0;
    }
    const config = { ...base, sessionSecret: resolveSessionSecret(db, base.sessionSecret) };
    const ctx = createContext({ db, config, log });
    return await (COMMANDS[name] as NonNullable<(typeof COMMANDS)[string]>)({ ctx, io, t }, rest);
  } finally {
    db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    io.err(err instanceof ConfigError || err instanceof MigrationError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  },
);
