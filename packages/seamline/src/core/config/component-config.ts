import { z } from 'zod';
import { componentNameSchema } from '../component-name';
import { commandSchema, prepareSchema } from '../prepare/prepare-config';
import { isGitUrl } from './git-url';

/** `components/<name>/component.yaml`: where a component lives and what it provides. */

export { commandSchema };

export const componentConfigSchema = z.strictObject({
  repo: z.string().refine(isGitUrl, 'a git URL (https://, ssh://, file:// or git@host:owner/repo.git)'),
  branch: z.string().min(1).default('main'),
  dependsOn: z.array(componentNameSchema).default([]),
  provides: z
    .strictObject({
      npm: z
        .string()
        .regex(/^(@[a-z0-9~][\w.~-]*\/)?[a-z0-9~][\w.~-]*$/, 'an npm package name such as @acme/users')
        .optional(),
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
});

export type ComponentConfig = z.output<typeof componentConfigSchema>;
