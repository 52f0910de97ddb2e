import { z } from 'zod';

/** Full commit SHAs only: a short SHA is ambiguous and a branch is not a pin. */
export const SHA_PATTERN = /^[0-9a-f]{40}$/i;

export const shaSchema = z
  .string()
  .regex(SHA_PATTERN, 'a full 40-character hex commit SHA (short SHAs and branch names are not pins; use `git rev-parse <ref>`)')
  .transform((s) => s.toLowerCase());

export function isFullSha(value: string): boolean {
  return SHA_PATTERN.test(value);
}
