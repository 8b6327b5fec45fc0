/** `--name value` options and positional arguments; a flag without a value is an error for the caller to report. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
  problems: string[];
}

export function parseArgs(argv: readonly string[], known: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (!known.includes(name)) problems.push(`unknown option --${name}`);
    else if (value === undefined || value.startsWith('--')) problems.push(`--${name} needs a value`);
    else options.set(name, value);
  }
  return { positional, options, problems };
}
