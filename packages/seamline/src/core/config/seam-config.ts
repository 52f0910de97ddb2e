import { z } from 'zod';
import { componentNameSchema } from '../component-name';

/** `seams/<name>/seam.yaml`: the components a seam exercises and what it catches. */
export const seamConfigSchema = z.strictObject({
  components: z.array(componentNameSchema).min(1, 'at least one component'),
  subsets: z.array(z.string().min(1)).default([]),
  ring: z.literal([1, 2, 3]).default(1),
  catches: z.string().min(1, 'a sentence naming the failure this seam exists to catch'),
  always: z.boolean().default(false),
  /** The Nx target of the seam project that runs it. */
  target: z
    .string()
    .regex(/^[a-zA-Z0-9][\w:-]*$/, 'an Nx target name such as test')
    .default('test'),
  /** When set, Seamline infers `target` and runs this argument list in the seam's folder (no shell). */
  command: z.array(z.string().min(1)).min(1, 'a command as a list of arguments, e.g. [jest, --config, jest.config.cjs]').optional(),
  /** Network-bound seams may be retried; a pass after a failure is reported as flaky. */
  retries: z.number().int().min(0).max(5).default(0),
});

export type SeamConfig = z.output<typeof seamConfigSchema>;
