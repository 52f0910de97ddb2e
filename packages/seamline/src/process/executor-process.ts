import * as nodeModule from 'node:module';

/**
 * Imported first by every executor, for its side effects on the process Nx
 * forks to run it, before anything else is loaded.
 */

// V8's on-disk bytecode cache (Node 22.1+) for the modules the executor loads next. Nx
// turns it on in its own long-lived processes but not in this one, which compiled
// Seamline, zod and yaml afresh on every run. NX_COMPILE_CACHE=false (Nx's switch) and
// NODE_DISABLE_COMPILE_CACHE=1 (Node's) turn it off; where Node lacks it, nothing happens.
// Typed by hand: the repository's @types/node is Node 20's, which lacks it.
const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
if (process.env.NX_COMPILE_CACHE !== 'false' && typeof enableCompileCache === 'function') {
  try {
    enableCompileCache();
  } catch {
    // A speed-up only: a cache that cannot be written must not fail the run.
  }
}

// NO_COLOR means no colour. Nx sets FORCE_COLOR=true for an executor whose user did not set
// FORCE_COLOR, and passes it on to every task; with NO_COLOR also set, each Node process under
// the run (seams, prepare commands) printed a warning that it ignores NO_COLOR, and coloured
// its output. FORCE_COLOR=0 is what every one of them reads as "no colour", without a warning.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
