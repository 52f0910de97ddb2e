import { SeamlineError, show } from '../errors';
import type { Tuple } from '../tuple';
import type { BisectInput } from './bisect-input';

/** skip: the tuple could not be tested (a pin failed to prepare); a fact about those commits, not a seam failure. */
export type ProbeResult = 'pass' | 'fail' | 'skip';

/** One suite run the planner asks for; `why` is one short line for the log. */
export interface Probe {
  tuple: Tuple;
  why: string;
  /**
   * The probe checks a result seen before (the good tuple still passes, the bad
   * one still fails): it must run, never be answered from a cache.
   */
  fresh?: boolean;
}

/** The generator type of every planner phase: yields probes, receives their results. */
export type Planning<T> = Generator<Probe, T, ProbeResult>;

/**
 * What one bisect has asked and learned so far. Results are kept per tuple so a
 * tuple is never run twice: the flaky check at the start established that the
 * failure reproduces, and the planner assumes a tuple's result is stable.
 */
export class Session {
  runs = 0;
  /** Any pass so far. Every probe is good plus some advances, and failing is upward-closed, so a pass anywhere means good passes. */
  sawPass = false;
  private readonly seen = new Map<string, 'pass' | 'fail'>();

  constructor(readonly input: BisectInput) {}

  /** Good with `components` advanced to bad. */
  advanced(components: readonly string[]): Tuple {
    const tuple: Record<string, string> = { ...this.input.good };
    for (const name of components) tuple[name] = this.input.bad[name];
    return tuple;
  }

  /** Good with one component at `sha`. */
  at(component: string, sha: string): Tuple {
    return { ...this.input.good, [component]: sha };
  }

  /** The result of a tuple already run, if any. */
  known(tuple: Tuple): 'pass' | 'fail' | undefined {
    return this.seen.get(key(tuple));
  }

  *probe(tuple: Tuple, why: string, options: { fresh?: boolean } = {}): Planning<ProbeResult> {
    this.runs += 1;
    const result: unknown = yield { tuple, why, ...(options.fresh ? { fresh: true } : {}) };
    if (result !== 'pass' && result !== 'fail' && result !== 'skip') {
      throw new SeamlineError(`bisect: a probe result must be "pass", "fail" or "skip", got ${show(result)}`);
    }
    if (result !== 'skip') this.seen.set(key(tuple), result);
    if (result === 'pass') this.sawPass = true;
    return result;
  }
}

const key = (tuple: Tuple) =>
  Object.keys(tuple)
    .sort()
    .map((name) => `${name}@${tuple[name]}`)
    .join(' ');
