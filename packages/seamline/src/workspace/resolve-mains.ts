import type { WorkspaceModel } from '../core/config/workspace-model';
import type { Tuple } from '../core/tuple';
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
