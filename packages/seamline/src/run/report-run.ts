import { relative } from 'node:path';
import { logger } from '../terminal/logger';
import { shortSha } from '../core/tuple';
import type { RunResults } from '../core/run/results';
import type { SuiteOutcome } from './run-suite';
import { compareText } from '../core/compare-text';

/** What an executor returns for a run: Nx reads `success`; the rest is for callers and tests. */
export type RunReport = { success: boolean; runDir: string; verdict: RunResults['verdict'] };

/** The last lines of every run: the verdict, the tuple, where the artifacts are. */
export function reportRun(root: string, label: string, outcome: SuiteOutcome): RunReport {
  const { results, runDir } = outcome;
  const tuple = Object.entries(results.tuple)
    .sort(([a], [b]) => compareText(a, b))
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
