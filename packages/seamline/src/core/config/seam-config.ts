import { z } from 'zod';
import { componentNameSchema } from '../sha';

/** `seams/<name>/seam.yaml`: the components a seam exercises and what it catches. */
export const seamConfigSchema = z.strictObject({
  components: z.array(componentNameSchema).min(1, 'at least one component'),
  subsets: z.array(z.string().min(1)).default([]),
  ring: z.literal([1, 2, 3]).default(1),
  catches: z.string().min(1, 'a sentence naming the failure this seam exists to catch'),
  always: z.boolean().default(false),
});

export type SeamConfig = z.output<typeof seamConfigSchema>;
