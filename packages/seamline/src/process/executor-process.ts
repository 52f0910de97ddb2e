import * as nodeModule from 'node:module';
import { ownCompileCacheDir } from './compile-cache-dir';
import { noColorWins } from './no-color';

/**
 * Imported first by every executor, for its side effects on the process Nx
 * forks to run it, before anything else is loaded.
 */

// V8's on-disk bytecode cache (Node 22.1+) for the modules the executor loads next. Nx
// turns it on in its own long-lived processes but not in this one, which compiled
// Seamline, zod and yaml afresh on every run. In a folder of this user's alone (see
// compile-cache-dir), unless NODE_COMPILE_CACHE names one. NX_COMPILE_CACHE=false (Nx's
// switch) and NODE_DISABLE_COMPILE_CACHE=1 (Node's) turn it off; where Node lacks it,
// nothing happens. Typed by hand: the repository's @types/node is Node 20's, which lacks it.
const { enableCompileCache } = nodeModule as { enableCompileCache?: (dir?: string) => unknown };
if (process.env.NX_COMPILE_CACHE !== 'false' && typeof enableCompileCache === 'function') {
  try {
    const dir = process.env.NODE_COMPILE_CACHE || ownCompileCacheDir();
    if (dir) enableCompileCache(dir);
  } catch {
    // A speed-up only: a cache that cannot be written must not fail the run.
  }
}

noColorWins();
