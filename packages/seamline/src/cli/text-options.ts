import type { ExecutorContext } from '@nx/devkit';

/** An options object with the named fields back as the text typed. */
export type WithText<T, K extends keyof T> = Omit<T, K> & { [P in K]: Exclude<T[P], number> };

/**
 * Nx parses `--head=123456789012` into a number before the schema sees it, so text
 * made only of digits failed with Nx's "should be a 'string'": about 1 in 300 of the
 * 12-hex heads `known-good` prints, 1 in 30 of 7-hex prefixes, and every
 * `--node-version=22`. Such options declare `["string", "number"]` and come through
 * here, which gives back the text as typed: Nx made `12345e6` 12345000000 and `20.10` 20.1.
 */
export function textOptions<T extends object, K extends keyof T & string>(options: T, typed: readonly string[], names: readonly K[]): WithText<T, K> {
  const copy = { ...options } as Record<string, unknown>;
  for (const name of names) {
    const value = copy[name];
    if (typeof value === 'number') copy[name] = typedText(typed, name) ?? String(value);
  }
  return copy as WithText<T, K>;
}

/** The text after the last `--name=` (or `--name <text>`, or the kebab-case spelling) in a command line. */
export function typedText(args: readonly string[], name: string): string | undefined {
  const flags = new Set([`--${name}`, `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`]);
  let text: string | undefined;
  args.forEach((arg, i) => {
    const eq = arg.indexOf('=');
    if (eq > 0 && flags.has(arg.slice(0, eq))) text = arg.slice(eq + 1);
    else if (flags.has(arg) && i + 1 < args.length) text = args[i + 1];
  });
  return text;
}

/**
 * An executor's command line as Nx received it, kept in the task graph it hands the
 * executor (the executor runs in a worker process, whose own argv does not have it).
 */
export function taskCommandLine(context: ExecutorContext): string[] {
  const task = Object.values(context.taskGraph?.tasks ?? {}).find((t) => t.target.project === context.projectName && t.target.target === context.targetName);
  const unparsed = (task?.overrides as { __overrides_unparsed__?: unknown } | undefined)?.__overrides_unparsed__;
  return Array.isArray(unparsed) ? unparsed.filter((a): a is string => typeof a === 'string') : [];
}

/** A generator's command line: `nx g` runs generators in its own process. */
export const generatorCommandLine = (): string[] => process.argv.slice(2);
