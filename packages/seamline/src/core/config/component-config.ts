import { z } from 'zod';
import { componentNameSchema } from '../component-name';
import { commandSchema, prepareSchema } from '../prepare/prepare-config';
import { isGitUrl } from './git-url';

/** `components/<name>/component.yaml`: where a component lives and what it provides. */

export { commandSchema };

export const npmPackageNameSchema = z.string().regex(/^(@[a-z0-9~][\w.~-]*\/)?[a-z0-9~][\w.~-]*$/, 'an npm package name such as @acme/users');

/** A folder inside the repository: relative, no `..`. */
const repoFolderSchema = z
  .string()
  .min(1)
  .refine(
    (p) => !/^([/\\]|[A-Za-z]:)/.test(p) && !p.split(/[/\\]/).includes('..'),
    'a folder inside the repository such as packages/client (relative, no "..")',
  );

export const npmProvidesSchema = z.union([
  npmPackageNameSchema,
  z
    .array(z.strictObject({ name: npmPackageNameSchema, path: repoFolderSchema }))
    .min(1, 'at least one { name, path } entry')
    .refine((list) => new Set(list.map((p) => p.name)).size === list.length, 'each package name once'),
  z.strictObject({ workspace: z.literal(true) }),
]);

/** owner/name of a repository on GitHub. */
export const GITHUB_REPO_PATTERN = /^[\w.-]+\/[\w.-]+$/;

export const componentConfigSchema = z.strictObject({
  repo: z.string().refine(isGitUrl, 'a git URL (https://, ssh://, file:// or git@host:owner/repo.git)'),
  /** owner/name of this component on GitHub, for a repo fetched from elsewhere (a mirror); else derived from repo when it is on GitHub. */
  github: z.string().regex(GITHUB_REPO_PATTERN, 'owner/name of the repository on GitHub, such as acme/users').optional(),
  branch: z.string().min(1).default('main'),
  dependsOn: z.array(componentNameSchema).default([]),
  provides: z
    .strictObject({
      /**
       * The npm package(s) this component is: one name (the repository root), a list of
       * `{ name, path }` (folders of a multi-package repository), or `{ workspace: true }`
       * (every package its pnpm-workspace.yaml or package.json workspaces lists, read at each pin).
       */
      npm: npmProvidesSchema.optional(),
      /** Bazel module name (MODULE.bazel) this component is. */
      bazel: z
        .string()
        .regex(/^[a-z][a-z0-9._-]*$/, 'a Bazel module name such as acme_users')
        .optional(),
      /** Container image repository of this component, tagged per pin in the compose override. */
      image: z
        .string()
        .regex(/^[a-z0-9][\w./:-]*$/, 'an image repository such as ghcr.io/acme/users')
        .optional(),
    })
    .default({}),
  /** Absent: `auto` for a component that provides an npm package, nothing otherwise (see prepareVariants). */
  prepare: prepareSchema.optional(),
  test: commandSchema.optional(),
  /** Check out the commit's git submodules (recursively) in each checkout, at the commits it records; off by default, as in actions/checkout. */
  submodules: z.boolean().optional(),
  /** Fetch the commit's Git LFS files in each checkout; off by default, as in actions/checkout: without it they are pointer files. */
  lfs: z.boolean().optional(),
});

export type ComponentConfig = z.output<typeof componentConfigSchema>;
