import { join } from 'node:path';
import { readBoundedJson } from './read-bounded';

/**
 * The package.json in `dir` as an object, or undefined when there is none or it is not
 * one: read bounded (readBoundedFile), as `dir` is a checkout of somebody else's repository.
 */
export function readPackageJson(dir: string): Record<string, unknown> | undefined {
  const pkg = readBoundedJson(join(dir, 'package.json'));
  return typeof pkg === 'object' && pkg !== null && !Array.isArray(pkg) ? (pkg as Record<string, unknown>) : undefined;
}
