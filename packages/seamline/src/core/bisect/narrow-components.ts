import type { Planning, Session } from './probe';

export type Narrowed =
  /**
   * One component left. `reproduces`: good with it advanced to bad was seen to
   * fail; otherwise that was inferred from a passing other half. `failing` is the
   * smallest set of components seen to fail when advanced together (sorted).
   */
  | { kind: 'component'; component: string; reproduces: boolean; failing: string[] }
  /** Both halves of `components` could not be tested. */
  | { kind: 'stuck'; components: string[] };

/**
 * Halve the moved components (sorted; first half the larger) until one is left:
 * ceil(log2 K) probes when nothing is skipped. Good plus `failing` advanced is
 * known to fail (at the start that is the bad tuple itself). A passing first half
 * blames the second without running it; a skipped one is replaced by its other half.
 */
export function* narrowComponents(session: Session, moved: readonly string[]): Planning<Narrowed> {
  let x = [...moved];
  let failing = [...moved];
  let reproduces = true;
  while (x.length > 1) {
    const half = Math.ceil(x.length / 2);
    const [first, second] = [x.slice(0, half), x.slice(half)];
    const r1 = yield* session.probe(session.advanced(first), `advance ${first.join(', ')} to bad`);
    if (r1 === 'fail') [x, failing, reproduces] = [first, first, true];
    else if (r1 === 'pass') [x, reproduces] = [second, false];
    else {
      const r2 = yield* session.probe(session.advanced(second), `advance ${second.join(', ')} to bad (${first.join(', ')} could not be tested)`);
      if (r2 === 'fail') [x, failing, reproduces] = [second, second, true];
      else if (r2 === 'pass') [x, reproduces] = [first, false];
      else return { kind: 'stuck', components: x };
    }
  }
  return { kind: 'component', component: x[0], reproduces, failing };
}
