import { realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { MAX_MANIFEST_BYTES, readBoundedFile } from './read-bounded';

/**
 * The real path of `path` in a checkout (links followed) when it lies inside the checkout, the
 * checkout itself included; undefined when it leads out of it (`../`, an absolute path, a link
 * to elsewhere on this machine) or does not exist.
 */
export function realPathInCheckout(checkout: string, path: string): string | undefined {
  try {
    const real = realpathSync(join(checkout, path));
    const inside = realpathSync(checkout);
    return real === inside || real.startsWith(inside + sep) ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The text of `path` in a checkout of somebody else's repository, read bounded (readBoundedFile).
 * A link is followed only where it ends inside the checkout, as a repository that keeps one
 * .npmrc for several folders links to it; one to /dev/zero or to a file elsewhere on this
 * machine reads as absent.
 */
export function readCheckoutFile(checkout: string, path: string, maxBytes = MAX_MANIFEST_BYTES): string | undefined {
  const real = realPathInCheckout(checkout, path);
  return real === undefined ? undefined : readBoundedFile(real, maxBytes);
}
