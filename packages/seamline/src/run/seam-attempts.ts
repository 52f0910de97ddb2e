import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { SeamResult } from '../core/run/results';
import type { SeamTaskRecord } from '../core/run/seam-task-record';
import { seconds } from '../core/time';
import { namingFile } from '../fs/file-error';

/** How one seam has fared over a run's attempts so far. */
export interface SeamAttempts {
  fails: number;
  passed: boolean;
  ms: number;
  cached: boolean;
}

/**
 * One attempt's task records taken in: each pending seam's state in `attempts`, its
 * output appended to `<runDir>/logs/<seam>.log`, and the seams to run again (failed,
 * with retries left).
 */
export function recordAttempt(input: {
  runDir: string;
  attempt: number;
  pending: readonly string[];
  records: ReadonlyMap<string, SeamTaskRecord>;
  attempts: Map<string, SeamAttempts>;
  retries: (seam: string) => number;
}): string[] {
  const retry: string[] = [];
  for (const seam of input.pending) {
    const record = input.records.get(seam);
    // Nx reports a replayed failure as `failure`, a replayed success with a cache status; the code decides.
    const passed = !!record && !record.code && (record.status === 'success' || record.status.includes('cache'));
    const state = input.attempts.get(seam) ?? { fails: 0, passed: false, ms: 0, cached: false };
    state.passed = passed;
    state.cached = !!record?.status.includes('cache');
    state.ms += record?.startTime && record.endTime ? record.endTime - record.startTime : 0;
    if (!passed) state.fails++;
    input.attempts.set(seam, state);
    const header = `=== ${seam} attempt ${input.attempt}: ${record?.status ?? 'did not run'} ===\n`;
    // The terminal showed it in colour; a log file (and the report that quotes it) is read as text.
    const output = record?.terminalOutput === undefined ? 'Nx reported no result for this task.\n' : stripVTControlCharacters(record.terminalOutput);
    // Synchronous: nothing else runs between two attempts, and an awaited append per seam cost
    // about 0.2 ms each (2 s for 10,000 seams) against 0.03 ms (bench/scale, run bookkeeping).
    const log = join(input.runDir, 'logs', `${seam}.log`);
    try {
      appendFileSync(log, header + output);
    } catch (error) {
      throw namingFile(error, log);
    }
    if (!passed && state.fails <= input.retries(seam)) retry.push(seam);
  }
  return retry;
}

/** Each selected seam's result after its last attempt; `log` names its log file as the run shows paths. */
export function seamResults(
  selected: readonly string[],
  attempts: ReadonlyMap<string, SeamAttempts>,
  quarantined: { has(seam: string): boolean },
  log: (seam: string) => string,
): SeamResult[] {
  return selected.map((seam) => {
    const state = attempts.get(seam)!;
    return {
      seam,
      verdict: state.passed ? (state.fails ? 'flaky' : 'pass') : 'fail',
      quarantined: quarantined.has(seam),
      duration_s: seconds(state.ms),
      attempts: state.fails + (state.passed ? 1 : 0),
      cached: state.cached,
      log: log(seam),
    };
  });
}
