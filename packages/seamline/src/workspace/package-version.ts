import { join } from 'node:path';
import { readPackageJson } from '../fs/package-json';
import { checkoutDir } from './layout';

/**
 * `version` of the package.json in `path` (default the root) of a pin's checkout (the tested SHA), when
 * the checkout has one; undefined when it has none or it cannot be read (the plan then
 * names the tested SHA instead).
 */
export function packageVersionAt(root: string, component: string, sha: string, path = '.'): string | undefined {
  const checkout = checkoutDir(root, component, sha);
  const version = readPackageJson(join(checkout, path), checkout)?.version;
  return typeof version === 'string' && version ? version : undefined;
}
