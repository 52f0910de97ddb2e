import { shortSha, type Tuple } from '../tuple';
import { nameList } from '../name-list';

/** How one seam ended. `flaky`: passed after failing; never hidden as a plain pass. */
export type SeamVerdict = 'pass' | 'fail' | 'flaky';

export interface SeamResult {
  seam: string;
  verdict: SeamVerdict;
  /** Quarantined seams run, are reported, and do not fail the run. */
  quarantined: boolean;
  duration_s: number;
  attempts: number;
  /** Nx replayed the result from its cache (an identical tuple ran before). */
  cached: boolean;
  log: string;
}

export interface PrepareFailure {
  component: string;
  sha: string;
  log: string;
  message: string;
  /**
   * The registry or the network failed this prepare twice (a reset connection, a 503): the
   * log's line that says so. Then the run failed without testing the tuple, and blames nobody.
   */
  registry?: string;
}

export interface RunResults {
  run_id: string;
  kind: string;
  manifest_sha256: string;
  subset: string;
  tuple: Tuple;
  verdict: 'pass' | 'fail';
  /** One line: why the run failed, or that it passed. */
  reason: string;
  seams: SeamResult[];
  /** Seams of the subset the change does not reach (or another shard runs). */
  not_selected: number;
  shard?: string;
  /** A run combined from every shard of a plan: how many, and their run ids in shard order. */
  shards?: { count: number; runs: string[] };
  budget_s: number;
  seams_duration_s: number;
  prepare_failure?: PrepareFailure;
  /**
   * The disk filled up during the run: what failed for want of space (`seam <name>`, `prepare
   * <component>@<sha>`, or `run`). The run fails, and blames no seam and no commit for it.
   */
  no_space?: string;
  /**
   * The network kept git from fetching a pin, every retry included: the line that says so, naming
   * the component, its repository and git's error. The run tested nothing, and blames nobody for it.
   */
  unreachable?: string;
  /** The signal (SIGINT for Ctrl-C, SIGTERM, SIGHUP) that stopped the run before it finished: it blames nobody. */
  interrupted?: string;
  started: string;
  finished: string;
  /**
   * The known-good store's head (sha256 of its last line) when the run started: the
   * state of known good it was built and tested against. null: an empty store; absent:
   * the store could not be read (a broken store never stops a run; verify names it).
   */
  known_good_head?: string | null;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The verdict of a run from what happened; the first reason that applies is given. */
export function decideVerdict(input: {
  seams: SeamResult[];
  budgetS: number;
  seamsDurationS: number;
  prepareFailure?: PrepareFailure;
  unreachable?: string;
  interrupted?: string;
  error?: string;
}): {
  verdict: 'pass' | 'fail';
  reason: string;
} {
  if (input.interrupted) return { verdict: 'fail', reason: interruptedReason(input.interrupted) };
  const prepare = input.prepareFailure;
  if (prepare?.registry)
    return {
      verdict: 'fail',
      reason: `the registry or the network failed twice to prepare component ${prepare.component} at ${shortSha(prepare.sha)} (${prepare.registry}): nothing was tested; run again later`,
    };
  if (prepare) return { verdict: 'fail', reason: `component ${prepare.component} at ${prepare.sha} failed to prepare` };
  if (input.unreachable) return { verdict: 'fail', reason: `${input.unreachable}; nothing was tested and no commit is to blame: run again later` };
  if (input.error) return { verdict: 'fail', reason: input.error };
  const failed = failedSeams(input);
  if (failed.length) return { verdict: 'fail', reason: `failed seam${failed.length > 1 ? 's' : ''}: ${nameList(failed)}` };
  if (input.seamsDurationS > input.budgetS) {
    return { verdict: 'fail', reason: `over budget: seams took ${round(input.seamsDurationS)}s, the subset allows ${input.budgetS}s` };
  }
  const ran = input.seams.length;
  return { verdict: 'pass', reason: ran ? `${ran} seam${ran > 1 ? 's' : ''} passed` : 'no seam of the subset is reached by this change' };
}

/**
 * A run that failed for a cause outside the tuple under test: the disk filled up, the network
 * kept git from fetching a pin, the registry or the network failed a prepare twice, or a signal
 * stopped the run. It blames
 * no commit and no seam: the PR's status is `error`, not `failure`, and a bisect stops rather
 * than read it as a verdict.
 */
export function failedOutsideTheTuple(run: Pick<RunResults, 'no_space' | 'unreachable' | 'prepare_failure' | 'interrupted'>): boolean {
  return Boolean(run.no_space || run.unreachable || run.prepare_failure?.registry || run.interrupted);
}

/** Why a run that a signal stopped has no verdict on the tuple. */
export const interruptedReason = (signal: string) =>
  `interrupted by ${signal} before it finished: nothing was tested to the end and nothing is to blame; run it again`;

/** The seams that fail a run: failed and not quarantined. */
export function failedSeams(run: { seams: readonly SeamResult[] }): string[] {
  return run.seams.filter((s) => s.verdict === 'fail' && !s.quarantined).map((s) => s.seam);
}
