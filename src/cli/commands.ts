import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AppContext } from '../context.js';
import { createApiToken } from '../features/auth/rules.js';
import { createUser } from '../features/users/rules.js';
import { UserCreate } from '../features/users/schemas.js';
import { parseForm } from '../http/validation.js';
import type { Translate } from '../i18n/index.js';
import { parseArgs } from './args.js';
import { importAdvisers } from './import-advisers.js';
import { backupCommand } from './ops-commands.js';

/** Where a command writes: stdout carries only results (a token alone, a path), stderr the rest. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 done, 1 the input was refused, 2 the command line itself is wrong. */
export type ExitCode = 0 | 1 | 2;

export interface CliEnv {
  ctx: AppContext;
  io: CliIo;
  t: Translate;
}

type Command = (env: CliEnv, argv: readonly string[]) => Promise<ExitCode>;

function usageProblem(env: CliEnv, problems: string[]): ExitCode {
  for (const p of problems) env.io.err(p);
  env.io.err(env.t('cli.usage'));
  return 2;
}

const createUserCommand: Command = async (env, argv) => {
  const args = parseArgs(argv, ['user', 'role', 'city', 'adviser', 'password', 'name', 'language']);
  const username = args.options.get('user');
  const role = args.options.get('role');
  if (!username || !role) args.problems.push(env.t('cli.needsUserAndRole'));
  if (args.problems.length || args.positional.length) return usageProblem(env, args.problems.length ? args.problems : [env.t('cli.unexpectedArgs')]);
  const cityCode = args.options.get('city');
  const city = cityCode === undefined ? undefined : env.ctx.repos.advisers.cities().find((c) => c.code === cityCode);
  if (cityCode !== undefined && !city) {
    env.io.err(env.t('cli.unknownCity', { code: cityCode }));
    return 1;
  }
  const generated = args.options.has('password') ? undefined : randomBytes(18).toString('base64url');
  const parsed = parseForm(
    UserCreate,
    {
      username,
      displayName: args.options.get('name') ?? username,
      password: args.options.get('password') ?? generated,
      role,
      cityId: city ? String(city.id) : '',
      adviserId: args.options.get('adviser') ?? '',
      language: args.options.get('language') ?? '',
    },
    env.t,
  );
  const result = parsed.ok ? await createUser(env.ctx, parsed.data, env.t) : parsed;
  if (!result.ok) {
    for (const [field, message] of Object.entries(result.errors)) env.io.err(`${field}: ${message}`);
    return 1;
  }
  env.io.out(env.t('cli.userCreated', { user: result.data.username, role: result.data.role }));
  if (generated) env.io.out(env.t('cli.generatedPassword', { password: generated }));
  return 0;
};

const createTokenCommand: Command = async (env, argv) => {
  const args = parseArgs(argv, ['user', 'label']);
  const username = args.options.get('user');
  if (!username) args.problems.push(env.t('cli.needsUser'));
  if (args.problems.length || args.positional.length) return usageProblem(env, args.problems.length ? args.problems : [env.t('cli.unexpectedArgs')]);
  const user = env.ctx.repos.users.byUsername(username as string);
  if (!user || user.active !== 1) {
    env.io.err(env.t('cli.noSuchUser', { user: username as string }));
    return 1;
  }
  const { token } = env.ctx.db.transaction(() => createApiToken(env.ctx, user.id, args.options.get('label') ?? 'cli')).immediate();
  // The token alone on stdout, so `TOKEN=$(npm run -s cli -- create-token …)` works.
  env.io.out(token);
  return 0;
};

const importAdvisersCommand: Command = async (env, argv) => {
  const args = parseArgs(argv, []);
  const [file, ...rest] = args.positional;
  if (!file || rest.length || args.problems.length) return usageProblem(env, [...args.problems, env.t('cli.needsFile')]);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    env.io.err(env.t('cli.cannotRead', { file }));
    return 1;
  }
  const result = importAdvisers(env.ctx, text, env.t);
  if (!result.ok) {
    for (const line of result.errors) env.io.err(line);
    env.io.err(env.t('cli.importFailed', { count: result.errors.length }));
    return 1;
  }
  env.io.out(env.t('cli.imported', { count: result.imported }));
  return 0;
};

/**
 * `migrate` has nothing left to do here: the database was migrated when the CLI opened it.
 * `restore` is run by cli.ts before the database is opened.
 */
export const COMMANDS: Record<string, Command> = {
  'create-user': createUserCommand,
  'create-token': createTokenCommand,
  backup: backupCommand,
  'import-advisers': importAdvisersCommand,
};
