import { z } from 'zod';
import { isGitUrl } from '../config/git-url';
import { shaSchema } from '../sha';
import { componentNameSchema } from '../component-name';
import { isUtcTimestamp } from '../time';
import { MANIFEST_KINDS } from './manifest';
import { holdSchema } from '../config/integration-config';

/** The manifest format (docs/formats.md), read leniently in one way only: `ref` is an alias of `sha`. */

const timestampSchema = z.string().refine(isUtcTimestamp, 'an RFC 3339 UTC timestamp such as 2026-11-21T12:14:03Z');

// Manifests are read with the failsafe schema (all scalars strings), so numbers arrive as text.
const prNumberSchema = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.number().int().positive());

const pinFields = {
  name: componentNameSchema,
  repo: z.string().refine(isGitUrl, 'a git URL'),
  sha: shaSchema.optional(),
  ref: shaSchema.optional(),
};

function withSha<T extends { sha?: string; ref?: string }>(pin: T, ctx: z.RefinementCtx): Omit<T, 'ref'> & { sha: string } {
  const { ref, ...rest } = pin;
  if (pin.sha && ref && pin.sha !== ref) {
    ctx.addIssue({ code: 'custom', path: ['ref'], message: '"ref" equal to "sha" (ref is only an alias of sha)', input: ref });
    return z.NEVER;
  }
  const sha = pin.sha ?? ref;
  if (!sha) {
    ctx.addIssue({ code: 'custom', path: ['sha'], message: 'a full 40-character hex commit SHA in "sha" (or its alias "ref")', input: undefined });
    return z.NEVER;
  }
  return { ...rest, sha } as Omit<T, 'ref'> & { sha: string };
}

const otherPinSchema = z.strictObject({ ...pinFields, from: z.enum(['known-good', 'main', 'hold']) }).transform(withSha);

const underTestPinSchema = z.strictObject({ ...pinFields, pr: prNumberSchema.optional(), branch: z.string().min(1).optional() }).transform(withSha);

const common = {
  others: z.array(otherPinSchema).default([]),
  subset: z.string().min(1, 'a subset name such as pr_fast'),
  timestamp: timestampSchema,
};

export const manifestSchemas = {
  pr: z.strictObject({ kind: z.literal('pr'), pr: prNumberSchema.optional(), component_under_test: underTestPinSchema, ...common }),
  changeset: z.strictObject({
    kind: z.literal('changeset'),
    changeset: z.string().min(1, 'a changeset name'),
    components_under_test: z.array(underTestPinSchema).min(1, 'at least one component under test'),
    ...common,
  }),
  full: z.strictObject({ kind: z.literal('full'), ...common, holds: z.array(holdSchema).min(1).optional() }),
};

export const manifestKindSchema = z.looseObject({ kind: z.enum(MANIFEST_KINDS as [string, ...string[]]) });
