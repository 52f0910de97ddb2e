import { basename } from 'node:path';
import { packageStoreDir } from '../workspace/layout';

/**
 * The environment a prepare command gets when it runs pnpm (also through
 * corepack or `npx [-y] pnpm@<v>`); npm warns about settings it does not know,
 * so other commands get none.
 *
 * - One package store for every pin: pnpm hard-links each package from
 *   `.seamline/pnpm-store` into a checkout's node_modules instead of holding a
 *   copy per pin. pnpm up to 10 reads `npm_config_*`, pnpm 11 and later `pnpm_config_*`.
 * - The checkout is its own workspace root: a checkout lives under the
 *   integration workspace, and pnpm looks upward for a pnpm-workspace.yaml. In a
 *   pnpm integration workspace it would find that one and install the checkout as
 *   one of its projects, against the integration's lockfile, not the commit's.
 */
export function sharedStoreEnv(root: string, command: readonly string[], checkout?: string): Record<string, string> {
  if (!runsPnpm(command)) return {};
  const dir = packageStoreDir(root);
  return { npm_config_store_dir: dir, pnpm_config_store_dir: dir, ...(checkout ? { NPM_CONFIG_WORKSPACE_DIR: checkout } : {}) };
}

const isPnpm = (part: string) => /^pnpm(\.cmd|\.exe)?$/.test(basename(part)) || /^pnpm@/.test(part);

/** `pnpm …`, or pnpm as the first argument (after flags) of `corepack` or `npx`. */
function runsPnpm([head, ...rest]: readonly string[]): boolean {
  if (head === undefined) return false;
  if (isPnpm(head)) return true;
  const launcher = basename(head).replace(/\.(cmd|exe)$/, '');
  return (launcher === 'corepack' || launcher === 'npx') && isPnpm(rest.find((arg) => !arg.startsWith('-')) ?? '');
}
