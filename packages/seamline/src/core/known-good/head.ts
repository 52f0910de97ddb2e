import { SeamlineError } from '../errors';

/**
 * How many hex characters of a store head are shown everywhere one is shown
 * (record output, verify, badge, summary, failure issue, commit status), so a
 * copy kept outside the repository can be compared and passed to `--head`.
 * 16 hex are 64 bits: forging a store line whose hash starts with a published
 * prefix costs about 2^64 sha256 evaluations (decades on a GPU), where 12 hex
 * (48 bits, hours on one GPU) would not anchor anything against a determined forger.
 */
export const HEAD_PREFIX_LENGTH = 16;

/** The shortest head prefix `--head` accepts. */
export const MIN_HEAD_PREFIX = 12;

export const shortHead = (hash: string) => hash.slice(0, HEAD_PREFIX_LENGTH);

/** `--head`: 12 to 64 hex characters, lowercased; anything else is refused in one line. */
export function parseHeadPrefix(value: string): string {
  const head = value.trim().toLowerCase();
  if (!new RegExp(`^[0-9a-f]{${MIN_HEAD_PREFIX},64}$`).test(head)) {
    throw new SeamlineError(
      `--head: expected ${MIN_HEAD_PREFIX} to 64 hex characters of a store head (as every append and verify prints it), got ${JSON.stringify(value)}`,
    );
  }
  return head;
}
