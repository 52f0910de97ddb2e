import { shortSha } from '../tuple';

/**
 * What a bisect concluded. `runs` is always the number of probes (suite runs)
 * it took, so a log line can say what the answer cost.
 */
export type BisectVerdict =
  /** The first bad commit: `component` at `sha` (commit `index` of `of`, 1-based) with every other component at good fails. */
  | { kind: 'culprit'; component: string; sha: string; index: number; of: number; runs: number }
  /** Untestable commits hide the first bad one: it is one of `candidates` (oldest first; the last one is known to fail). */
  | { kind: 'culprit-range'; component: string; candidates: string[]; runs: number }
  /** No moved component fails alone; these components (sorted, at least two) advanced to bad together do. */
  | { kind: 'interaction'; components: string[]; runs: number }
  /** The bad tuple passed when re-run: the failure does not reproduce. */
  | { kind: 'flaky'; runs: number }
  /** The good tuple fails too: something outside the tuple changed. `good` is what the good tuple was called (`known good` unless given). */
  | { kind: 'environment'; runs: number; good?: string }
  | { kind: 'inconclusive'; reason: string; runs: number };

export type BisectVerdictKind = BisectVerdict['kind'];

const runsText = (runs: number) => `${runs} run${runs === 1 ? '' : 's'}`;

/** One line for logs and summaries. */
export function describeVerdict(v: BisectVerdict): string {
  switch (v.kind) {
    case 'culprit':
      return `culprit: ${v.component} ${shortSha(v.sha)} (commit ${v.index} of ${v.of}), found in ${runsText(v.runs)}`;
    case 'culprit-range':
      return `culprit in ${v.component}: one of ${v.candidates.length} commits (${v.candidates.map(shortSha).join(', ')}); the others could not be tested (${runsText(v.runs)})`;
    case 'interaction':
      return `interaction: ${v.components.join(' + ')} fail only together at bad; none fails alone (${runsText(v.runs)})`;
    case 'flaky':
      return `flaky: the bad tuple passed when re-run; blaming nobody (${runsText(v.runs)})`;
    case 'environment':
      return `environment: the ${v.good ?? 'known good'} tuple fails too; blaming nobody (${runsText(v.runs)})`;
    case 'inconclusive':
      return `inconclusive: ${v.reason} (${runsText(v.runs)})`;
  }
}
