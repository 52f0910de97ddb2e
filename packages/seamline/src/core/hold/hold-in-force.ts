import type { Hold } from '../config/integration-config';
import type { Tuple } from '../tuple';

/** A hold is in force through its `expires` day (YYYY-MM-DD, UTC), like a quarantine. */
export const holdInForce = (hold: Hold, today: string): boolean => hold.expires >= today;

/** What `full` pins, once the holds are applied to the latest mains. */
export interface HeldMains {
  /** Every component: held ones at their hold's SHA, the others at their main (or --main). */
  tuple: Tuple;
  /** The holds applied, in the order of seamline.yaml. */
  held: Hold[];
  /** Holds whose day has passed: not applied (lint-subsets fails on them). */
  expired: Hold[];
  /** Holds in force on a component pinned by --main: the explicit pin wins. */
  overridden: Hold[];
}

/**
 * The pins of a `full` run: each component at its latest main, except a component
 * with a hold in force, which stays at the held SHA (a do-not-update entry) so
 * every other component can still pass and be recorded. An explicit `--main`
 * pin beats a hold. One hold per component; the first in force wins.
 */
export function applyHolds(input: { mains: Tuple; given: Tuple; holds: readonly Hold[]; today: string }): HeldMains {
  const tuple: Record<string, string> = { ...input.mains, ...input.given };
  const held: Hold[] = [];
  const expired: Hold[] = [];
  const overridden: Hold[] = [];
  for (const hold of input.holds) {
    if (!holdInForce(hold, input.today)) expired.push(hold);
    else if (input.given[hold.component]) overridden.push(hold);
    else if (!held.some((h) => h.component === hold.component) && hold.component in tuple) {
      tuple[hold.component] = hold.sha;
      held.push(hold);
    }
  }
  return { tuple, held, expired, overridden };
}
