import { packageStoreDir } from '../workspace/layout';
import { launchedMajor, launchedProgram } from './launched-program';

/**
 * The environment a prepare command gets when it runs pnpm (also through
 * corepack or `npx [-y] pnpm@<v>`); npm warns about settings it does not know,
 * so other commands get none.
 *
 * - One package store for every pin: pnpm hard-links each package from
 *   `.seamline/pnpm-store` into a checkout's node_modules instead of holding a
 *   copy per pin. pnpm up to 10 reads `npm_config_*`, pnpm 11 and later `pnpm_config_*`.
 * - A pnpm 11 or later that npx launches gets only `pnpm_config_*` settings: npx is npm, which
 *   warns of the `npm_config_*` settings it does not know ("This will error in a future major
 *   version of npm", npm 12.2.3), and auto prepare launches every pnpm through npx. Without a
 *   version to go by (`pnpm` on PATH, `pnpm@latest`), both are set.
 * - The checkout is its own workspace root: a checkout lives under the
 *   integration workspace, and pnpm looks upward for a pnpm-workspace.yaml. In a
 *   pnpm integration workspace it would find that one and install the checkout as
 *   one of its projects, against the integration's lockfile, not the commit's.
 */
export function sharedStoreEnv(root: string, command: readonly string[], checkout?: string): Record<string, string> {
  if (launchedProgram(command) !== 'pnpm') return {};
  const dir = packageStoreDir(root);
  if ((launchedMajor(command) ?? 0) >= 11) return { pnpm_config_store_dir: dir, ...(checkout ? { PNPM_CONFIG_WORKSPACE_DIR: checkout } : {}) };
  return { npm_config_store_dir: dir, pnpm_config_store_dir: dir, ...(checkout ? { NPM_CONFIG_WORKSPACE_DIR: checkout } : {}) };
}
