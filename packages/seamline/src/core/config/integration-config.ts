import { z } from 'zod';
import { parseDurationSeconds } from '../duration';
import { componentNameSchema } from '../component-name';
import { shaSchema } from '../sha';
import { parseSize } from '../size';

/** `integration/seamline.yaml`: subsets, store, renderers, quarantine, holds, GitHub. */

const budgetSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const seconds = parseDurationSeconds(value);
  if (seconds === undefined) {
    ctx.addIssue({ code: 'custom', message: 'a time budget such as 90s, 10m or 1h30m', input: value });
    return z.NEVER;
  }
  return seconds;
});

/** A disk size in bytes, written as `2GB`, `500MB` or a number of bytes. */
export const sizeSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const bytes = parseSize(value);
  if (bytes === undefined) {
    ctx.addIssue({ code: 'custom', message: 'a size such as 500MB or 2GB', input: value });
    return z.NEVER;
  }
  return bytes;
});

export const subsetSchema = z.strictObject({
  description: z.string().optional(),
  /** Explicit, curated seam names; `all` only for a suite meant to run everything. */
  seams: z.union([z.literal('all'), z.array(componentNameSchema)]),
  budget: budgetSchema,
});

const BUILT_IN_RENDERERS = ['env', 'npm', 'bazel', 'compose'] as const;

export const rendererSchema = z.union([z.enum(BUILT_IN_RENDERERS), z.strictObject({ module: z.string().min(1, 'a path to a renderer module') })]);

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => new Date(Date.parse(`${s}T00:00:00Z`) || 0).toISOString().slice(0, 10) === s, 'a real calendar date');

export const quarantineSchema = z.strictObject({
  seam: componentNameSchema,
  reason: z.string().min(1, 'a reason (an issue link or a sentence)'),
  expires: dateSchema,
});

/** A component kept at one commit by `full` (a do-not-update entry) until `expires` has passed. */
export const holdSchema = z.strictObject({
  component: componentNameSchema,
  sha: shaSchema,
  reason: z.string().trim().min(1, 'a reason (the culprit commit, an issue link or a sentence)'),
  expires: dateSchema,
});

export const githubSchema = z.strictObject({
  repository: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name of the integration repository')
    .optional(),
  base_url: z.url({ message: 'an http(s) URL such as https://api.github.com' }).optional(),
  status_context: z.string().min(1).default('seamline/pr-fast'),
  /** Depends-On lines that form a cycle are refused unless a team opts in. */
  allow_changeset_cycles: z.boolean().default(false),
});

export const integrationConfigSchema = z.strictObject({
  store: z.string().min(1).default('integration/known-good.jsonl'),
  subsets: z
    .record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a subset name of lowercase letters, digits, "_" or "-"'), subsetSchema)
    .refine((s) => Object.keys(s).length > 0, 'at least one subset (e.g. pr_fast and full)'),
  renderers: z.array(rendererSchema).default(['env']),
  quarantine: z.array(quarantineSchema).default([]),
  hold: z.array(holdSchema).default([]),
  github: githubSchema.default({ status_context: 'seamline/pr-fast', allow_changeset_cycles: false }),
  /** Bound on `.seamline/checkouts`: runs end with `gc` down to it (least recently used first, never a held checkout). */
  cache: z.strictObject({ max_size: sizeSchema.optional() }).optional(),
  /** `auto`: a failing `full` bisects the failed seams from the last known good. */
  bisect: z.enum(['auto', 'off']).default('off'),
});

export type IntegrationConfig = z.output<typeof integrationConfigSchema>;
export type Subset = z.output<typeof subsetSchema>;
export type Quarantine = z.output<typeof quarantineSchema>;
export type Hold = z.output<typeof holdSchema>;
