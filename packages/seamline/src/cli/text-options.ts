import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';

/** Options as Nx hands them over: any text option, or element of a list of text, may have become a number. */
export type AsParsed<T> = { [P in keyof T]: T[P] extends infer V ? (V extends string ? V | number : V extends string[] ? (string | number)[] : V) : never };

/** A text option's value once it is text again. */
type TextOf<V> = V extends number ? never : V extends (infer E)[] ? Exclude<E, number>[] : V;

/** Options as the executor or generator sees them once text options are text again. */
export type AsText<T> = { [P in keyof T]: string extends T[P] ? TextOf<T[P]> : (string | number)[] extends T[P] ? TextOf<T[P]> : T[P] };

interface OptionSchema {
  type?: unknown;
  anyOf?: readonly { type?: unknown }[];
  oneOf?: readonly OptionSchema[];
  items?: OptionSchema;
  $default?: { $source?: unknown; index?: unknown };
}
interface OptionsSchema {
  properties?: Record<string, OptionSchema>;
}

/**
 * Text that Nx lets through as the number its parser made: `"type": "string"` with `anyOf`
 * string or number (Nx checks each `anyOf` entry with the outer type replaced). Nx's help
 * still says `[string]`, and Nx coerces nothing: `"type": ["string", "number"]` made
 * nx.json's `"20.10"` 20.1.
 */
const isText = (p: OptionSchema): boolean => p.type === 'string' && (p.anyOf ?? []).some((a) => a.type === 'number');

const holdsText = (p: OptionSchema): boolean => isText(p) || (p.type === 'array' && p.items !== undefined && isText(p.items));

/** Every text option of the schema, also a list of text (`oneOf` array or text, or an array). */
export function textOptionNames(schema: OptionsSchema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([, p]) => holdsText(p) || (p.oneOf ?? []).some(holdsText))
    .map(([name]) => name);
}

const schemas = new Map<string, OptionsSchema>();
function schemaIn(dir: string): OptionsSchema {
  let schema = schemas.get(dir);
  if (!schema) schemas.set(dir, (schema = JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')) as OptionsSchema));
  return schema;
}

/**
 * `options` with every text option of `schema` back as typed on `typed`, the command
 * line's own arguments; a positional one (`$default` from argv) from its place among them.
 *
 * Nx's argument parser makes text of digits a number before the schema sees it, so
 * `--head=123456789012` (1 in 300 of the heads `known-good` prints), `--reason=1234567` (a
 * culprit's short SHA, 1 in 30), a component named `2048` and `--node-version=22` failed
 * with Nx's "should be a 'string'"; and it made `12345e6` 12345000000 and `20.10` 20.1.
 */
export function withTypedText<T extends object>(options: T, typed: readonly string[], schema: OptionsSchema): AsText<T> {
  const copy = { ...options } as Record<string, unknown>;
  for (const name of textOptionNames(schema)) {
    const value = copy[name];
    if (Array.isArray(value)) {
      // A repeated flag (`--seams=a --seams=2048`): each element from its own flag.
      const texts = typedTexts(typed, name);
      copy[name] = value.map((v, i) => (typeof v !== 'number' ? v : texts.length === value.length ? texts[i] : String(v)));
    }
    if (typeof value !== 'number') continue;
    const at = schema.properties![name].$default;
    const place = at?.$source === 'argv' && typeof at.index === 'number' ? positionals(typed)[at.index] : undefined;
    copy[name] = typedTexts(typed, name).at(-1) ?? (place !== undefined && Number(place) === value ? place : String(value));
  }
  return copy as AsText<T>;
}

/** {@link withTypedText} with the `schema.json` in `dir`, the executor's or generator's folder. */
export const asTyped = <T extends object>(options: T, typed: readonly string[], dir: string): AsText<T> => withTypedText(options, typed, schemaIn(dir));

/** The text after each `--name=` (or `--name <text>`, or the kebab-case spelling) in a command line, in order. */
export function typedTexts(args: readonly string[], name: string): string[] {
  const flags = new Set([`--${name}`, `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`]);
  const texts: string[] = [];
  args.forEach((arg, i) => {
    const eq = arg.indexOf('=');
    if (eq > 0 && flags.has(arg.slice(0, eq))) texts.push(arg.slice(eq + 1));
    else if (flags.has(arg) && i + 1 < args.length) texts.push(args[i + 1]);
  });
  return texts;
}

/** The arguments that are not flags, in order (everything after `--` too). */
function positionals(args: readonly string[]): string[] {
  const end = args.indexOf('--');
  const before = end < 0 ? args : args.slice(0, end);
  return [...before.filter((a) => !a.startsWith('-')), ...(end < 0 ? [] : args.slice(end + 1))];
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

/**
 * A generator's own arguments: `nx g` runs generators in its own process, whose argv
 * holds `g` (or `generate`) and the generator's name before them.
 */
export function generatorCommandLine(argv: readonly string[] = process.argv.slice(2)): string[] {
  const words = argv.flatMap((a, i) => (a.startsWith('-') ? [] : [i])).slice(0, 2);
  return argv.filter((_, i) => !words.includes(i));
}
