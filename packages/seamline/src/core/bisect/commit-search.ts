import { shortSha } from '../tuple';
import type { Planning, Session } from './probe';

/** How the walk over one component's commits (others at good) ended. Indices are 0-based into its commits. */
export type CommitOutcome =
  /** `index` fails and the commit before it (or good) passes. */
  | { kind: 'first-fail'; index: number }
  /** Every commit strictly between a pass and the failing `hi` was skipped: the first bad one is among `indices` (ending at hi). */
  | { kind: 'range'; indices: number[] }
  /** The last commit passes alone: this component does not reproduce the failure by itself. */
  | { kind: 'none-fail' }
  /** Nothing failed and the remaining commits up to the last were all skipped. */
  | { kind: 'untestable'; indices: number[] };

/**
 * Binary search for the first failing commit of `component`, git-bisect style.
 * lo is the highest index known to pass (-1: good), hi the lowest known to fail.
 * When the last commit's failure was only inferred (`lastFails` false), hi starts
 * one past the end, so the search itself tells "first bad commit" from "fails
 * only with others": ceil(log2(C + 1)) probes, at most one more than with a
 * verified end.
 */
export function* searchCommits(session: Session, component: string, lastFails: boolean): Planning<CommitOutcome> {
  const commits = session.input.commits[component];
  const count = commits.length;
  let lo = -1;
  let hi = lastFails ? count - 1 : count;
  const skipped = new Set<number>();

  for (let pick = pickCandidate(lo, hi, skipped); pick !== undefined; pick = pickCandidate(lo, hi, skipped)) {
    const result = yield* session.probe(session.at(component, commits[pick]), `${component} at ${pick + 1}/${count} ${shortSha(commits[pick])}`);
    if (result === 'pass') lo = pick;
    else if (result === 'fail') hi = pick;
    else skipped.add(pick);
  }

  // Every commit strictly between lo and hi is now skipped.
  const between = Array.from({ length: hi - lo - 1 }, (_, i) => lo + 1 + i);
  if (hi === count) return between.length ? { kind: 'untestable', indices: between } : { kind: 'none-fail' };
  return between.length ? { kind: 'range', indices: [...between, hi] } : { kind: 'first-fail', index: hi };
}

/**
 * The midpoint of (lo, hi), or when it was skipped the nearest other untested
 * commit, above first then below, alternating; undefined when none is left.
 */
function pickCandidate(lo: number, hi: number, skipped: ReadonlySet<number>): number | undefined {
  const mid = Math.floor((lo + hi) / 2);
  for (let step = 0; mid + step < hi || mid - step > lo; step++) {
    for (const pick of step === 0 ? [mid] : [mid + step, mid - step]) {
      if (pick > lo && pick < hi && !skipped.has(pick)) return pick;
    }
  }
  return undefined;
}
