// What npm said when a step failed. `nx add` runs npm's install with its output captured
// and prints only "Failed to install <plugin>. Please check the error above", without
// npm's error: CI of d47d824 lost the reason of a failed cell that way. Each npm cell
// keeps npm's debug logs in its own folder, and a failed step reads their errors.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The environment that makes npm keep a cell's debug logs in `<cellDir>/npm-logs`. */
export const npmLogsEnv = (cellDir) => ({ npm_config_logs_dir: join(cellDir, 'npm-logs'), npm_config_logs_max: '100' });

/** The `error` lines of the npm debug logs in `env`'s logs folder written since `sinceMs`, without npm's line numbers. */
export async function npmErrorsSince(env, sinceMs) {
  const dir = env.npm_config_logs_dir;
  if (!dir || !existsSync(dir)) return [];
  const lines = [];
  for (const name of (await readdir(dir)).sort()) {
    const file = join(dir, name);
    if ((await stat(file)).mtimeMs < sinceMs) continue;
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      const m = /^\d+ error (.*)$/.exec(line);
      if (m) lines.push(`npm error ${m[1]}`);
    }
  }
  return lines;
}

/**
 * The plugin's own reading of a log that the registry or the network failed (built in
 * dist/), so the matrix tries again exactly what a user's prepare tries again; without a
 * build (only --tarball), nothing is tried again.
 */
export function loadRegistryFailureLine(repoRoot) {
  const built = join(repoRoot, 'dist/packages/seamline/src/core/prepare/registry-failure.js');
  return existsSync(built) ? createRequire(import.meta.url)(built).registryFailureLine : () => undefined;
}
