import { isAbsolute, join } from 'node:path';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { FULL_SUITE, latest } from '../core/known-good/queries';
import type { Tuple } from '../core/tuple';
import { KnownGoodStore } from '../store/known-good-store';
import { storeLineCountFile } from './layout';

/** The workspace's known-good store, at the path seamline.yaml names. */
export function openStore(root: string, model: WorkspaceModel): KnownGoodStore {
  const configured = model.integration.store;
  return new KnownGoodStore(isAbsolute(configured) ? configured : join(root, configured), configured, {}, storeLineCountFile(root));
}

/** The last tuple that passed the full suite, if any: what every other component is pinned to. */
export async function lastKnownGoodTuple(root: string, model: WorkspaceModel): Promise<Tuple | undefined> {
  return latest(await openStore(root, model).records(), FULL_SUITE)?.tuple;
}
