import * as nodeModule from 'node:module';

/**
 * Imported first by every executor, for its side effect: V8's on-disk bytecode
 * cache (Node 22.1+) for the modules the executor process loads next. Nx turns
 * it on in its own long-lived processes, but not in the process it forks for
 * an executor, which compiled Seamline, zod and yaml afresh on every run.
 * NX_COMPILE_CACHE=false (Nx's switch) and NODE_DISABLE_COMPILE_CACHE=1
 * (Node's) turn it off; where Node lacks it, nothing happens.
 */
// Typed by hand: the repository's @types/node is Node 20's, which lacks it.
const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
if (process.env.NX_COMPILE_CACHE !== 'false' && typeof enableCompileCache === 'function') {
  try {
    enableCompileCache();
  } catch {
    // A speed-up only: a cache that cannot be written must not fail the run.
  }
}
