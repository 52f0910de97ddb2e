import { join, relative } from 'node:path';
import { readCheckoutFile } from './checkout-file';
import { parsedJson } from './read-bounded';

/**
 * The package.json in `dir` as an object, or undefined when there is none or it is not
 * one. `dir` lies in `checkout`, somebody else's repository: read as readCheckoutFile reads.
 */
export function readPackageJson(dir: string, checkout = dir): Record<string, unknown> | undefined {
  const pkg = parsedJson(readCheckoutFile(checkout, relative(checkout, join(dir, 'package.json'))));
  return typeof pkg === 'object' && pkg !== null && !Array.isArray(pkg) ? (pkg as Record<string, unknown>) : undefined;
}
