import { z } from 'zod';
import { shaSchema } from '../sha';
import { shortSha } from '../tuple';

/**
 * `prepare` of a component.yaml: how a pinned commit is made usable (install,
 * build). One of:
 * - `auto`: read from the commit itself (package manager, lockfile, build script);
 * - a list of commands, each an argument list: the same for every commit;
 * - a list of variants `{ when?, run }`: the first whose condition holds in the
 *   pinned checkout runs, so how a commit is prepared can follow the history.
 */

export const commandSchema = z.array(z.string().min(1)).min(1, 'a command as a list of arguments, e.g. [npm, ci]');

export type Command = string[];

/** What a variant runs: `auto` or commands. */
export type PrepareRun = 'auto' | Command[];

const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'a path inside the checkout, such as pnpm-lock.yaml');

const regexSource = z.string().refine((s) => {
  try {
    new RegExp(s, 'm');
    return true;
  } catch {
    return false;
  }
}, 'a regular expression');

/** Every condition given must hold (and). */
export const prepareConditionSchema = z
  .strictObject({
    /** A file (or folder) exists in the pinned checkout. */
    exists: relativePath.optional(),
    /** A file does not exist in the pinned checkout. */
    missing: relativePath.optional(),
    /** A file of the pinned checkout matches a regular expression (multiline). */
    matches: z.strictObject({ file: relativePath, pattern: regexSource }).optional(),
    /** The pinned commit is this commit or descends from it. */
    descendsFrom: shaSchema.optional(),
    /** The pinned commit is this commit or one of its ancestors. */
    ancestorOf: shaSchema.optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'at least one of exists, missing, matches, descendsFrom, ancestorOf');

export type PrepareCondition = z.output<typeof prepareConditionSchema>;

/** `auto`, or a list of commands; dispatched on the shape so an error names the command at fault. */
const runSchema = z.unknown().transform((value, ctx): PrepareRun => {
  if (value === 'auto') return 'auto';
  if (!Array.isArray(value)) return refuse(ctx, value, 'auto or a list of commands, e.g. [[npm, ci], [npm, run, build]]');
  return passIssues(z.array(commandSchema), value, ctx);
});

export const prepareVariantSchema = z.strictObject({
  /** No `when`: always applies (a fallback, last in the list). */
  when: prepareConditionSchema.optional(),
  run: runSchema,
});

export type PrepareVariant = z.output<typeof prepareVariantSchema>;

export type PrepareConfig = PrepareRun | PrepareVariant[];

const isMapping = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Dispatch on the shape written, so an error names the field of the form the
 * user meant (`prepare[0]`, `prepare[1].when.exists`) instead of listing every form.
 */
export const prepareSchema = z.unknown().transform((value, ctx): PrepareConfig => {
  if (value === 'auto') return 'auto';
  if (!Array.isArray(value)) return refuse(ctx, value, 'auto, a list of commands or a list of variants ({ when, run })');
  return value.some(isMapping) ? passIssues(z.array(prepareVariantSchema), value, ctx) : passIssues(z.array(commandSchema), value, ctx);
});

type Ctx = z.core.$RefinementCtx;

function refuse(ctx: Ctx, input: unknown, expected: string): never {
  ctx.issues.push({ code: 'custom', message: expected, input });
  return z.NEVER as never;
}

/** Parse with `schema`; its issues become this field's, with their paths below it. */
function passIssues<T extends z.ZodType>(schema: T, value: unknown, ctx: Ctx): z.output<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.issues.push(issue as never);
  return z.NEVER as never;
}

/**
 * The variants a component is prepared by. A component that declares no
 * `prepare` and provides an npm package is prepared `auto`; one that provides
 * none is not prepared.
 */
export function prepareVariants(prepare: PrepareConfig | undefined, providesNpm: unknown): PrepareVariant[] {
  if (prepare === undefined) return providesNpm && !(Array.isArray(providesNpm) && !providesNpm.length) ? [{ run: 'auto' }] : [];
  if (prepare === 'auto') return [{ run: 'auto' }];
  if (prepare.length && !Array.isArray(prepare[0])) return prepare as PrepareVariant[];
  return prepare.length ? [{ run: prepare as Command[] }] : [];
}

/** A condition as the prepare log shows it: `pnpm-lock.yaml exists and descends from 1a2b3c4d5e6f`. */
export function describeCondition(when: PrepareCondition | undefined): string {
  if (!when) return 'always';
  const parts: string[] = [];
  if (when.exists !== undefined) parts.push(`${when.exists} exists`);
  if (when.missing !== undefined) parts.push(`${when.missing} is missing`);
  if (when.matches) parts.push(`${when.matches.file} matches /${when.matches.pattern}/`);
  if (when.descendsFrom) parts.push(`descends from ${shortSha(when.descendsFrom)}`);
  if (when.ancestorOf) parts.push(`is an ancestor of ${shortSha(when.ancestorOf)}`);
  return parts.join(' and ');
}
