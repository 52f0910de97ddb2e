import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { npxPackages } from '../core/prepare/prepare-tools';
import { readPackageJson } from '../fs/package-json';
import { readCheckoutFile } from '../fs/checkout-file';
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
  const classic = !runsYarnBerry(command, checkout, readPackageJson(checkout));
  return { ...YARN_LINKER, ...(classic ? YARN_1_IGNORE_ENGINES : {}), ...(setsOwnYarnPath(checkout) ? {} : { YARN_IGNORE_PATH: '1' }) };
}

/**
 * Yarn 1 refuses to install or run anything when the checkout's `engines.node`, or a
 * dependency's, leaves out the running Node.js ("Found incompatible module", "Commands cannot
 * run with an incompatible environment"), which the commit's maintainers never saw under the
 * Node.js of its era. Berry checks no engines, and refuses this setting as unknown.
 */
export const YARN_1_IGNORE_ENGINES = { YARN_IGNORE_ENGINES: 'true' } as const;

function setsOwnYarnPath(checkout: string): boolean {
  const read = (file: string) => readCheckoutFile(checkout, file) ?? '';
  return /^yarnPath\s*:/m.test(read('.yarnrc.yml')) || /^\s*"?yarn-path"?\s/m.test(read('.yarnrc'));
}

/**
 * The command runs Yarn 2 or later: Berry's package (`npx -p @yarnpkg/cli-dist@<v> yarn`), or
 * a yarn the checkout sets to Berry (`packageManager: yarn@2+`, a .yarnrc.yml). Yarn 1 needs
 * no yarn.lock to run, and an empty one would fail its `--frozen-lockfile`.
 */
export function runsYarnBerry(command: readonly string[], checkout: string, pkg: Record<string, unknown> | undefined): boolean {
  if (launchedProgram(command) !== 'yarn') return false;
  const packages = npxPackages(command);
  if (packages.some((p) => p.startsWith('@yarnpkg/cli-dist@') || p === '@yarnpkg/cli-dist')) return true;
  if (packages.some((p) => p === 'yarn' || p.startsWith('yarn@'))) return false;
  const field = typeof pkg?.packageManager === 'string' ? /^yarn@(\d+)\./.exec(pkg.packageManager) : null;
  return field ? Number(field[1]) >= 2 : existsSync(join(checkout, '.yarnrc.yml'));
}
