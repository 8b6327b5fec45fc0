import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BackupError, InUseError, pruneBackups, restoreBackup, takeBackup } from '../db/backup.js';
import type { AppContext } from '../context.js';
import type { Translate } from '../i18n/index.js';
import { parseArgs } from './args.js';

// The same shapes as commands.ts's CliIo, ExitCode and CliEnv, declared here so the two files do not import each other.
interface CliIo {
  out(line: string): void;
  err(line: string): void;
}
type ExitCode = 0 | 1 | 2;
interface CliEnv {
  ctx: AppContext;
  io: CliIo;
  t: Translate;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * `backup <file>`: exactly that new file. `backup [--to DIR]`: a file named by
 * the time in DIR (default BACKUP_DIR), then the oldest beyond BACKUP_KEEP are
 * removed. Either way verified by integrity_check before it gets its name;
 * stdout carries only the path.
 */
export async function backupCommand(env: CliEnv, argv: readonly string[]): Promise<ExitCode> {
  const args = parseArgs(argv, ['to']);
  const [file, ...rest] = args.positional;
  const dir = args.options.get('to') ?? (file === undefined ? env.ctx.config.backupDir : undefined);
  if (args.problems.length || rest.length || (file !== undefined && args.options.has('to')) || (file === undefined && !dir)) {
    for (const p of args.problems) env.io.err(p);
    env.io.err(env.t('ops.needsTarget'));
    env.io.err(env.t('cli.usage'));
    return 2;
  }
  if (file !== undefined && existsSync(resolve(file))) {
    env.io.err(env.t('cli.fileExists', { file: resolve(file) }));
    return 1;
  }
  try {
    const written = await takeBackup(env.ctx.db, dir ?? '.', env.ctx.clock.now(), 'daily', file);
    env.io.err(env.t('ops.backupVerified'));
    if (dir) {
      const pruned = pruneBackups(resolve(dir), env.ctx.config.backupKeep);
      if (pruned.length) env.io.err(env.t('ops.pruned', { count: pruned.length, keep: env.ctx.config.backupKeep }));
    }
    env.io.out(written);
    return 0;
  } catch (err) {
    env.io.err(env.t('ops.backupFailed', { message: messageOf(err) }));
    return 1;
  }
}

/**
 * `restore <file>` into DATABASE_PATH. Run by cli.ts before it opens the
 * database, since an open connection of our own would look like a server.
 */
export function restoreCommand(io: CliIo, t: Translate, databasePath: string, argv: readonly string[]): ExitCode {
  const args = parseArgs(argv, []);
  const [file, ...rest] = args.positional;
  if (!file || rest.length || args.problems.length) {
    for (const p of args.problems) io.err(p);
    io.err(t('cli.needsFile'));
    io.err(t('cli.usage'));
    return 2;
  }
  try {
    const { previous } = restoreBackup(file, databasePath, new Date());
    io.out(t('ops.restored', { file: resolve(file), target: resolve(databasePath) }));
    if (previous) io.out(t('ops.previousKept', { file: previous }));
    return 0;
  } catch (err) {
    if (err instanceof InUseError) io.err(t('ops.restoreInUse', { message: err.message }));
    else if (err instanceof BackupError) io.err(t('ops.restoreRefused', { message: err.message }));
    else io.err(t('ops.restoreRefused', { message: messageOf(err) }));
    return 1;
  }
}
