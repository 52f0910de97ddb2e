import type { WorkspaceModel } from '../core/config/workspace-model';
import type { Tuple } from '../core/tuple';
import { resolveBranch } from '../git/ls-remote';

/** The current head of each named component's default branch, via ls-remote, in parallel. */
export async function resolveMains(model: WorkspaceModel, names: readonly string[]): Promise<Tuple> {
  const entries = await Promise.all(names.map(async (name) => [name, await resolveBranch(name, model.components[name].repo, model.components[name].branch)] as const));
  return Object.fromEntries(entries);
}
