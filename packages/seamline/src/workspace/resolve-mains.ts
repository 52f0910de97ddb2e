import { redactUrl } from '../core/config/git-url';
import { componentConfigPath, type WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError } from '../core/errors';
import { shortSha, type Tuple } from '../core/tuple';
import { isAncestor } from '../git/ancestry';
import { resolveBranch } from '../git/ls-remote';
import { lastKnownGoodTuple } from './open-store';

/** The current head of each named component's default branch, via ls-remote, in parallel. */
export async function resolveMains(model: WorkspaceModel, names: readonly string[]): Promise<Tuple> {
  const entries = await Promise.all(
    names.map(async (name) => [name, await resolveBranch(name, model.components[name].repo, model.components[name].branch)] as const),
  );
  return Object.fromEntries(entries);
}

/**
 * What the components not under test are pinned to: the last known good, and
 * the branch head of those that have none yet.
 */
export async function baselineFor(root: string, model: WorkspaceModel, underTest: readonly string[]): Promise<{ knownGood: Tuple; mains: Tuple }> {
  const knownGood = (await lastKnownGoodTuple(root, model)) ?? {};
  const unpinned = Object.keys(model.components).filter((name) => !underTest.includes(name) && !knownGood[name]);
  return { knownGood, mains: await resolveMains(model, unpinned) };
}

/**
 * `full --main` pins: each must be a commit of its component's branch, whose head is in
 * `heads` (an older commit is fine). A commit off the branch would be recorded as that main, and a later bisect
 * could not walk from it to the next main.
 */
export async function checkOnMains(root: string, model: WorkspaceModel, given: Tuple, heads: Tuple): Promise<void> {
  for (const [name, sha] of Object.entries(given)) {
    const { repo, branch } = model.components[name];
    const purpose = { who: '--main', why: `to check that ${shortSha(sha)} is on ${branch}` };
    if (!(await isAncestor(root, name, repo, sha, heads[name], purpose))) {
      throw new SeamlineError(
        `--main: ${name}@${shortSha(sha)} is not on ${branch} of ${redactUrl(repo)} (at ${shortSha(heads[name])}); pass a commit of ${branch}: a full run tests the mains`,
        componentConfigPath(name),
      );
    }
  }
}
