import { relative } from 'node:path';
import { logger } from '@nx/devkit';
import { shortSha } from '../core/tuple';
import type { ExecutorResult } from '../executors/run-executor';
import type { SuiteOutcome } from './run-suite';

/** The last lines of every run: the verdict, the tuple, where the artifacts are. */
export function reportRun(root: string, label: string, outcome: SuiteOutcome): ExecutorResult {
  const { results, runDir } = outcome;
  const tuple = Object.entries(results.tuple)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, sha]) => `${name}@${shortSha(sha)}`)
    .join(' ');
  const where = relative(root, runDir);
  if (results.verdict === 'pass') {
    logger.info(`${label} passed: ${results.reason}; tuple ${tuple}; artifacts in ${where}`);
  } else {
    logger.error(`${label} failed: ${results.reason}; tuple ${tuple}; artifacts in ${where}`);
  }
  return { success: results.verdict === 'pass', runDir, verdict: results.verdict };
}
