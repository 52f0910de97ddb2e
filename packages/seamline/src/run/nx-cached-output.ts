import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A replayed task's terminal output, from the task result or else from Nx's cache. Nx 22.7 and
 * later hand it over with every cache hit; 22.0-22.6 leave it out of the results of local and
 * remote cache hits alike (they only print it), so a cached seam's log would be empty. Nx keeps
 * it in `<its cache directory>/terminalOutputs/<task hash>`; the directory is Nx's own answer
 * (its `cacheDir`), read from the workspace's Nx as that Nx resolved it in this process.
 */
export function taskTerminalOutput(root: string, result: { status: string; terminalOutput?: string; task: { hash?: string } }): string {
  if (result.terminalOutput !== undefined || !result.status.includes('cache') || !result.task.hash) return result.terminalOutput ?? '';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the workspace's Nx, already loaded in this process
    const { cacheDir } = require(require.resolve('nx/src/utils/cache-directory', { paths: [root] })) as { cacheDir?: unknown };
    return typeof cacheDir === 'string' ? readFileSync(join(cacheDir, 'terminalOutputs', result.task.hash), 'utf8') : '';
  } catch {
    return '';
  }
}
