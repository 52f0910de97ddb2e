import { realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { MAX_MANIFEST_BYTES, readBoundedFile } from './read-bounded';

/**
 * The text of `path` in a checkout of somebody else's repository, read bounded (readBoundedFile).
 * A link is followed only where it ends inside the checkout, as a repository that keeps one
 * .npmrc for several folders links to it; one to /dev/zero or to a file elsewhere on this
 * machine reads as absent.
 */
export function readCheckoutFile(checkout: string, path: string, maxBytes = MAX_MANIFEST_BYTES): string | undefined {
  let real: string;
  let inside: string;
  try {
    real = realpathSync(join(checkout, path));
    inside = realpathSync(checkout);
  } catch {
    return undefined;
  }
  return real.startsWith(inside + sep) ? readBoundedFile(real, maxBytes) : undefined;
}
