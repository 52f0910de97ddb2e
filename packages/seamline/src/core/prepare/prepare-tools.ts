const base = (path: string) => path.replace(/^.*[\\/]/, '').replace(/\.(cmd|exe)$/i, '');

/** An npx command read as npx reads it: its flags, its -p packages, and from the program (or package) on. */
export interface NpxCommand {
  /** `npx`, or `npm exec` / `npm x`, as written. */
  launcher: string[];
  /** Every flag before the program but the packages (`-y` included). */
  options: string[];
  /** Each `-p` / `--package`, in order. */
  packages: string[];
  /** The program, or with no package given the package npx runs, then its arguments. */
  rest: string[];
}

export function parseNpx(command: readonly string[]): NpxCommand | undefined {
  const args = npxArguments(command);
  if (!args) return undefined;
  const options: string[] = [];
  const packages: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-')) break;
    if (arg === '-p' || arg === '--package') packages.push(args[++i] ?? '');
    else if (arg.startsWith('--package=')) packages.push(arg.slice('--package='.length));
    else options.push(arg);
  }
  return { launcher: command.slice(0, command.length - args.length), options, packages, rest: args.slice(i) };
}

/**
 * The packages an `npx …` (or `npm exec …`) command runs from npx's cache: each
 * `-p`/`--package`, else its first argument. Two npx processes that install the same
 * package there at once clobbered each other until npm fixed it in 2025
 * (npm/cli#8224), and runners keep older npm for years; so prepares install each one
 * once before they run side by side.
 */
export function npxPackages(command: readonly string[]): string[] {
  const npx = parseNpx(command);
  if (!npx) return [];
  const packages = npx.packages.filter(Boolean);
  return packages.length ? packages : npx.rest.slice(0, 1);
}

/**
 * The options of an npx command other than `-y` and the packages, such as
 * `--allow-scripts=bun`: installing its packages ahead must use them too, since
 * npx then finds them in its cache and does not install them again.
 */
export function npxOptions(command: readonly string[]): string[] {
  return (parseNpx(command)?.options ?? []).filter((option) => option !== '-y' && option !== '--yes');
}

/** The arguments after `npx` (or `npm exec`), or undefined for any other command. */
function npxArguments([head, ...args]: readonly string[]): string[] | undefined {
  if (head === undefined) return undefined;
  const launcher = base(head);
  if (launcher === 'npm' && (args[0] === 'exec' || args[0] === 'x')) return args.slice(1);
  return launcher === 'npx' ? args : undefined;
}

/**
 * What a prepare's commands hold while they run, so that no other prepare holding the
 * same runs beside them: yarn 1, whose cache takes no lock (its own answer is
 * `--mutex`). npm's and pnpm's caches and yarn 2+'s take concurrent writers.
 */
export function exclusiveTools(commands: readonly (readonly string[])[]): string[] {
  const held = new Set<string>();
  for (const command of commands) {
    const packages = npxPackages(command);
    if (packages.some((p) => /^yarn(?:@(?:1(?:\.|$)|[~^]1|latest|classic)|$)/.test(p))) held.add('yarn 1');
    else if (!packages.length && command[0] !== undefined && base(command[0]) === 'yarn') held.add('yarn 1');
  }
  return [...held];
}
