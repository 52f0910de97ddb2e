import { failedSeams, type RunResults } from '../run/results';
import type { Tuple } from '../tuple';

/** The command that bisects a failed run from the last known good, as failure reports print it. */
export const bisectCommand = (manifestFile: string) => `nx run integration:bisect --bad=${manifestFile}`;

/** A failed full that did not bisect itself: what it takes to make every failing full do so. */
export const BISECT_AUTO_HINT = '`bisect: auto` in `integration/seamline.yaml` makes every failing `full` bisect itself.';

/**
 * A failed whole run that did not bisect itself, with a known good for a bisect to start from
 * and seams that failed for it to probe: the terminal and the failure issue give the command.
 */
export const bisectWorthSuggesting = (results: RunResults, knownGood: Tuple | undefined, bisected: boolean): boolean =>
  results.verdict === 'fail' && !bisected && knownGood !== undefined && !results.shard && failedSeams(results).length > 0;
