import { basename } from 'node:path';

/** Flags of npx that take a value: `-p <package>` names what to install, not what to run. */
const NPX_VALUE_FLAGS = new Set(['-p', '--package', '-c', '--call']);

/**
 * The package-manager program a command runs, by name without path, extension or
 * version: the command itself (`pnpm`, `/usr/bin/yarn`), or what `npx` or `corepack`
 * launch (`npx -y pnpm@7.33.7 install` and `npx -y -p @yarnpkg/cli-dist@4.18.1 yarn install`
 * give pnpm and yarn). yarnpkg is yarn.
 */
export function launchedProgram(command: readonly string[]): string | undefined {
  const spec = launchedSpec(command);
  return spec === undefined ? undefined : programName(spec);
}

/** The major version a launcher names for what it runs (`npx -y pnpm@12.25.1` gives 12); undefined when it names none (`pnpm`, `pnpm@latest`). */
export function launchedMajor(command: readonly string[]): number | undefined {
  const version = /^@?[^@]+@(\d+)(\.|$)/.exec(basename(launchedSpec(command) ?? ''))?.[1];
  return version === undefined ? undefined : Number(version);
}

/** The command itself, or the first argument of npx or corepack that is what they launch. */
function launchedSpec([head, ...rest]: readonly string[]): string | undefined {
  if (head === undefined) return undefined;
  const name = programName(head);
  if (name !== 'npx' && name !== 'corepack') return head;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (NPX_VALUE_FLAGS.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

function programName(part: string): string {
  const name = basename(part)
    .replace(/\.(cmd|exe)$/, '')
    .replace(/^(@?[^@]+)@.*$/, '$1');
  return name === 'yarnpkg' ? 'yarn' : name;
}
