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
 * - The checkout is its own workspace root: pnpm looks upward for a
 *   pnpm-workspace.yaml, and would install the checkout as a project of one found
 *   above it, against that lockfile, not the commit's. Checkouts live outside the
 *   integration workspace now (fs/checkouts-outside), but SEAMLINE_CHECKOUTS_DIR
 *   may still put them under another pnpm workspace.
 */
export function sharedStoreEnv(root: string, command: readonly string[], checkout?: string): Record<string, string> {
  if (launchedProgram(command) !== 'pnpm') return {};
  const dir = packageStoreDir(root);
  if ((launchedMajor(command) ?? 0) >= 11) return { pnpm_config_store_dir: dir, ...(checkout ? { PNPM_CONFIG_WORKSPACE_DIR: checkout } : {}) };
  return { npm_config_store_dir: dir, pnpm_config_store_dir: dir, ...(checkout ? { NPM_CONFIG_WORKSPACE_DIR: checkout } : {}) };
}
