import { SeamlineError } from '../errors';
import { shortSha, type Tuple } from '../tuple';

export interface BisectInput {
  /** The last known good tuple. */
  good: Tuple;
  /** The tuple whose full suite failed. */
  bad: Tuple;
  /**
   * For each moved component (good[c] !== bad[c]): `git rev-list --first-parent --reverse good..bad`,
   * oldest first, ending at bad[c]. Entries for components that did not move are ignored.
   */
  commits: Readonly<Record<string, readonly string[]>>;
  /**
   * What the good tuple is called in probes and verdicts: `known good` (the default,
   * the store's last record) or, for a tuple the user named with --good, `good`.
   */
  goodLabel?: string;
}

export const goodLabelOf = (input: Pick<BisectInput, 'goodLabel'>) => input.goodLabel ?? 'known good';

/**
 * The moved components, sorted, after checking that `input` describes one history.
 * Throws a SeamlineError (one line) before any probe: a component in only one
 * tuple cannot be bisected (there is no commit range to walk), so it is an error
 * rather than a guess.
 */
export function movedComponents(input: BisectInput): string[] {
  const { good, bad, commits } = input;
  for (const name of Object.keys(bad)) {
    if (!(name in good))
      throw new SeamlineError(`bisect: component "${name}" is in the bad tuple but not in the good one; both tuples must name the same components`);
  }
  for (const name of Object.keys(good)) {
    if (!(name in bad))
      throw new SeamlineError(`bisect: component "${name}" is in the good tuple but not in the bad one; both tuples must name the same components`);
  }
  const moved = Object.keys(good)
    .filter((name) => good[name] !== bad[name])
    .sort();
  for (const name of moved) {
    const list = commits[name];
    if (!list || list.length === 0) {
      throw new SeamlineError(
        `bisect: no commits given for moved component "${name}" (expected \`git rev-list --first-parent --reverse ${shortSha(good[name])}..${shortSha(bad[name])}\`)`,
      );
    }
    if (list[list.length - 1] !== bad[name]) {
      throw new SeamlineError(`bisect: commits of "${name}" must end at its bad sha ${shortSha(bad[name])}, got ${shortSha(list[list.length - 1])}`);
    }
    if (list.includes(good[name])) {
      throw new SeamlineError(`bisect: commits of "${name}" must not include its good sha ${shortSha(good[name])} (list good..bad, which excludes good)`);
    }
    if (new Set(list).size !== list.length) throw new SeamlineError(`bisect: commits of "${name}" list the same sha twice`);
  }
  return moved;
}
