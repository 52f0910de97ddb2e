import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkoutDir } from './layout';

/**
 * `version` of the package.json in `path` (default the root) of a pin's checkout (the tested SHA), when
 * the checkout has one; undefined when it has none or it cannot be read (the plan then
 * names the tested SHA instead).
 */
export async function packageVersionAt(root: string, component: string, sha: string, path = '.'): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(join(checkoutDir(root, component, sha), path, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' && pkg.version ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}
