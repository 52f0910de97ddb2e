/** `seamline run <project>:<target>[:<configuration>] [options]`, read as `nx run` reads it. */
export interface RunCommandLine {
  project: string;
  target: string;
  configuration?: string;
  /** The executor's own options, as typed: Nx's parser reads them (cli/run-target.ts). */
  overrides: string[];
  verbose: boolean;
  skipNxCache: boolean;
}

export const RUN_USAGE = [
  'usage: seamline run <project>:<target>[:<configuration>] [--<option>=<value> ...]',
  '',
  "Runs one of Seamline's targets as `nx run` does (the same options, schema checks, Nx",
  "caching of the seams, output and exit code) without Nx's task runner around it: one",
  'process computes the project graph and runs the executor and its seams. Nx options it',
  'takes: --configuration (-c), --skip-nx-cache, --verbose. Example:',
  '',
  '  npx --no seamline run integration:pr-fast --component=users --sha=<sha> --pr=7',
].join('\n');

const NX_FLAGS = {
  verbose: ['--verbose'],
  skipNxCache: ['--skip-nx-cache', '--skipNxCache'],
  configuration: ['--configuration', '-c'],
};

/** The command line after `seamline`: what to run, `help`, or one line saying what is wrong. */
export function parseRunCommandLine(argv: readonly string[]): RunCommandLine | 'help' | { error: string } {
  const [command, description, ...rest] = argv;
  if (command === undefined || ['--help', '-h', 'help'].includes(command)) return 'help';
  if (command !== 'run') return { error: `unknown command "${command}" (expected: run <project>:<target>)` };
  if (description === undefined || ['--help', '-h'].includes(description)) return 'help';
  const [project, target, configuration, ...extra] = description.split(':');
  if (!project || !target || extra.length > 0 || configuration === '')
    return { error: `"${description}" is not <project>:<target>[:<configuration>] (for example integration:pr-fast)` };
  const parsed: RunCommandLine = { project, target, configuration, overrides: [], verbose: false, skipNxCache: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const eq = arg.indexOf('=');
    const [flag, value] = arg.startsWith('-') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (NX_FLAGS.verbose.includes(flag) && value === undefined) parsed.verbose = true;
    else if (NX_FLAGS.skipNxCache.includes(flag) && value === undefined) parsed.skipNxCache = true;
    else if (NX_FLAGS.configuration.includes(flag)) {
      const named = value ?? rest[++i];
      if (!named || named.startsWith('-')) return { error: `${flag} needs a configuration name (for example ${flag}=ci)` };
      parsed.configuration = named;
    } else if (arg === '--help' || arg === '-h') return 'help';
    else parsed.overrides.push(arg);
  }
  return parsed;
}
