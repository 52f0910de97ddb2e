import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../terminal/logger';
import { explainFailure } from '../run/explain-failure';
import { RunInterrupted } from '../core/errors';

export interface ExecutorResult {
  success: boolean;
  [key: string]: unknown;
}

/**
 * Every executor's shell: a SeamlineError becomes its one line, and so do a
 * full disk and a folder it may not write, with what to do; anything else one
 * line plus a hint, with the stack only under --verbose. Each names a git older
 * than Seamline supports.
 */
export async function runExecutor(context: ExecutorContext, body: () => Promise<ExecutorResult>): Promise<ExecutorResult> {
  try {
    return await body();
  } catch (error) {
    const err = error as Error;
    const { message, known } = await explainFailure(error, context.root);
    if (known) logger.error(message);
    else logger.error(`seamline: unexpected error: ${message}${context.isVerbose ? '' : ' (rerun with --verbose for details)'}`);
    // The stack's first line repeats the message just printed: under --verbose, only the frames follow it.
    const frames = err.stack?.split('\n').slice(1).join('\n');
    if (context.isVerbose && frames) logger.error(frames);
    return { success: false, ...(error instanceof RunInterrupted ? { interrupted: error.signal } : {}) };
  }
}

/** Seams at once: `--seam-parallel` from the command line (Nx keeps `--parallel` for itself), else the target's `parallel`. */
export const seamsAtOnce = (options: { parallel?: number; seamParallel?: number }) => options.seamParallel ?? options.parallel;
