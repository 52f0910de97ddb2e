import { shortSha } from '../tuple';
import { type BisectInput, goodLabelOf, movedComponents } from './bisect-input';
import { searchCommits } from './commit-search';
import { minimizeFailing } from './interaction';
import { narrowComponents } from './narrow-components';
import { type Planning, type Probe, type ProbeResult, Session } from './probe';
import type { BisectVerdict } from './verdict';

export type { BisectInput } from './bisect-input';
export type { Probe, ProbeResult } from './probe';
export type { BisectVerdict } from './verdict';

/**
 * Plan a bisect from the last known good tuple to a failing one. Pure and
 * deterministic: it yields the tuples to run, the caller sends back each result
 * (`next(result)`), and the return value is the verdict.
 *
 * Model: failing is upward-closed. A tuple fails if a tuple it contains (each
 * component at the same or an older first-parent commit) fails. So any pass means
 * good passes, a failing half of the moved components holds the culprit, and a
 * passing half clears it.
 *
 * Probes for one culprit commit among K moved components with C commits each:
 * at most ceil(log2 K) + ceil(log2 C) + 2 (re-run bad; halve components; binary
 * search commits; then either good, run only when nothing passed, or the
 * component's last commit, when its failure was inferred).
 *
 * Input errors throw a SeamlineError here, before the first probe.
 */
export function planBisect(input: BisectInput): Generator<Probe, BisectVerdict, ProbeResult> {
  const moved = movedComponents(input);
  return bisect(new Session(input), moved);
}

function* bisect(session: Session, moved: string[]): Planning<BisectVerdict> {
  const first = yield* session.probe(session.input.bad, 'bad tuple again: does the failure reproduce?', { fresh: true });
  if (first === 'pass') return { kind: 'flaky', runs: session.runs };
  if (first === 'skip') return inconclusive(session, 'the bad tuple could not be prepared');
  // Nothing moved: the bad tuple is the good one, and it fails now.
  if (moved.length === 0) return environment(session);

  const narrowed = yield* narrowComponents(session, moved);
  if (narrowed.kind === 'stuck') {
    return inconclusive(session, `no half of ${narrowed.components.join(', ')} could be tested`);
  }
  const { component, reproduces, failing } = narrowed;
  const blamed = yield* blameCommit(session, component, reproduces);
  if (blamed) return blamed;

  // The component does not fail alone: find which moved components fail together.
  const combination = yield* minimizeFailing(session, failing);
  if (combination.length >= 2) return { kind: 'interaction', components: combination, runs: session.runs };
  if (combination[0] === component) {
    return inconclusive(session, `${component} failed and passed alone at bad: results contradict each other (flaky seams?)`);
  }
  // One component fails alone after all (a result changed under us): bisect it, its end now seen failing.
  return (yield* blameCommit(session, combination[0], true)) ?? inconclusive(session, `${combination[0]} failed alone at bad, then no commit of it did`);
}

/** Search `component`'s commits; undefined when its last commit passes alone. */
function* blameCommit(session: Session, component: string, lastFails: boolean): Planning<BisectVerdict | undefined> {
  const commits = session.input.commits[component];
  const outcome = yield* searchCommits(session, component, lastFails);
  if (outcome.kind === 'none-fail') return undefined;
  if (outcome.kind === 'untestable') {
    const [from, to] = [outcome.indices[0], outcome.indices[outcome.indices.length - 1]];
    return inconclusive(
      session,
      `${component} commits ${from + 1}..${to + 1} of ${commits.length} could not be tested; the failure is in them or needs other components`,
    );
  }
  // Blaming from the first commit on rests on good passing; run it only if nothing has passed yet.
  if (!session.sawPass) {
    const label = goodLabelOf(session.input);
    const good = yield* session.probe(session.input.good, `${label} tuple: does it still pass?`, { fresh: true });
    if (good === 'fail') return environment(session);
    if (good === 'skip') {
      const first = outcome.kind === 'first-fail' ? outcome.index : outcome.indices[0];
      return inconclusive(
        session,
        `the ${label} tuple could not be prepared, so ${component} ${shortSha(commits[first])} cannot be told from an environment change`,
      );
    }
  }
  if (outcome.kind === 'range') {
    return { kind: 'culprit-range', component, candidates: outcome.indices.map((i) => commits[i]), runs: session.runs };
  }
  return { kind: 'culprit', component, sha: commits[outcome.index], index: outcome.index + 1, of: commits.length, runs: session.runs };
}

/** The good tuple fails too; the verdict names the good tuple only when the user gave it (--good). */
const environment = (session: Session): BisectVerdict => ({
  kind: 'environment',
  runs: session.runs,
  ...(session.input.goodLabel ? { good: session.input.goodLabel } : {}),
});

const inconclusive = (session: Session, reason: string): BisectVerdict => ({ kind: 'inconclusive', reason, runs: session.runs });
