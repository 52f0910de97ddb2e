import { parseNpx } from './prepare-tools';

/**
 * What `node -e` runs as npx's program: the real program, in the checkout, with the two
 * variables npm gives a program about where it was started (as when npx itself ran there).
 * Its arguments: the checkout, the program, the program's arguments.
 */
export const LAUNCH_IN_CHECKOUT = [
  // One line: npm 12 repeats the command it runs in a notice, in the prepare log.
  'const [dir, program, ...args] = process.argv.slice(1);',
  'process.env.INIT_CWD = dir;',
  'process.env.npm_config_local_prefix = dir;',
  "const child = require('node:child_process').spawn(program, args, { cwd: dir, stdio: 'inherit' });",
  // A signal that reaches this process alone, not its whole group, still ends the package manager.
  "for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));",
  "child.on('error', (error) => { process.stderr.write(program + ': ' + error.message + '\\n'); process.exit(127); });",
  "child.on('exit', (code, signal) => process.exit(code ?? 128 + (require('node:os').constants.signals[signal] ?? 0)));",
].join(' ');

/**
 * An npx command (`npx …`, `npm exec …`) that runs in a checkout whose package.json has
 * devEngines, rewritten to run from a folder without them: npm checks the devEngines of
 * the package.json where it runs against itself, npx included, and a package.json that
 * names pnpm, yarn or bun there (as `pnpm init` of pnpm 12 writes) makes it refuse to
 * launch anything (EBADDEVENGINES). The packages stay the same, so npx installs and caches
 * them as before; the program then runs in the checkout. Undefined for any other command,
 * and for what this cannot say as a list of arguments: `--call`, or a package spec that is
 * a path or an address rather than a name.
 */
export function npxOutsideCheckout(command: readonly string[], checkout: string): string[] | undefined {
  const npx = parseNpx(command);
  if (!npx || npx.options.some((o) => o === '-c' || o === '--call' || o.startsWith('--call='))) return undefined;
  const [first, ...rest] = npx.rest;
  if (first === undefined || npx.packages.includes('')) return undefined;
  // `npx <package> …` runs the package's bin of its own name (pnpm, yarn, bun, npm); `npx -p <package> <program> …` names it.
  const program = npx.packages.length ? first : binOf(first);
  if (program === undefined) return undefined;
  const installs = npx.packages.length ? npx.packages : [first];
  return [...npx.launcher, ...npx.options, ...installs.flatMap((p) => ['-p', p]), 'node', '-e', LAUNCH_IN_CHECKOUT, '--', checkout, program, ...rest];
}

/**
 * The bin npx runs for `npx <spec>`: the package's name without scope and version (a range
 * may hold spaces: `pnpm@>=12 <13`); undefined for a path, address or alias.
 */
function binOf(spec: string): string | undefined {
  const match = /^(?:@[a-z0-9][\w.-]*\/)?([a-z0-9][\w.-]*)(?:@[^/:]+)?$/i.exec(spec);
  return match?.[1];
}
