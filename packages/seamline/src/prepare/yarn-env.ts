import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchedProgram } from './launched-program';

/** What every yarn command run in a checkout gets, whatever the checkout: part of a prepared pin's key. */
export const YARN_LINKER = { YARN_NODE_LINKER: 'node-modules' } as const;

/**
 * The environment a command run in a pin's checkout (prepare, verify) gets when it
 * runs yarn; other commands get none.
 *
 * - node_modules, never Plug'n'Play (Yarn Berry's default linker): seams load a
 *   checkout with plain Node, which has no PnP loader. Under PnP a consumer's own
 *   dependencies were not in the checkout at all, so Node found them in the
 *   integration workspace's node_modules above it (another version, silently) or not at all.
 * - yarn reads the .yarnrc.yml (yarn 1: .yarnrc) of every folder up to the root, and a
 *   checkout lives under the integration workspace: a `yarnPath` there would run the
 *   integration workspace's yarn release instead of the one chosen for the commit. A
 *   yarnPath (yarn-path) the commit sets itself is what its maintainers run, and is kept.
 */
export function yarnEnv(command: readonly string[], checkout: string): Record<string, string> {
  if (launchedProgram(command) !== 'yarn') return {};
  return { ...YARN_LINKER, ...(setsOwnYarnPath(checkout) ? {} : { YARN_IGNORE_PATH: '1' }) };
}

function setsOwnYarnPath(checkout: string): boolean {
  const read = (file: string) => {
    try {
      return readFileSync(join(checkout, file), 'utf8');
    } catch {
      return '';
    }
  };
  return /^yarnPath\s*:/m.test(read('.yarnrc.yml')) || /^\s*"?yarn-path"?\s/m.test(read('.yarnrc'));
}
