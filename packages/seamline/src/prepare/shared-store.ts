import { basename } from 'node:path';
import { packageStoreDir } from '../workspace/layout';

/**
 * The environment a prepare command gets so that every pin shares one package
 * store: pnpm hard-links each package from `.seamline/pnpm-store` into a
 * checkout's node_modules instead of holding a copy per pin. pnpm up to 10
 * reads `npm_config_*`, pnpm 11 and later `pnpm_config_*`. Only for pnpm
 * (also through corepack or npx): npm warns about a setting it does not know.
 */
export function sharedStoreEnv(root: string, command: readonly string[]): Record<string, string> {
  const isPnpm = command.slice(0, 2).some((part) => /^pnpm(\.cmd|\.exe)?$/.test(basename(part)) || /^pnpm@/.test(part));
  if (!isPnpm) return {};
  const dir = packageStoreDir(root);
  return { npm_config_store_dir: dir, pnpm_config_store_dir: dir };
}
