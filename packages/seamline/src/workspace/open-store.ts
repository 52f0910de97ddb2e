import { isAbsolute, join } from 'node:path';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { FULL_SUITE } from '../core/known-good/queries';
import type { Tuple } from '../core/tuple';
import { KnownGoodStore } from '../store/known-good-store';
import { storeLineCountFile, storeMemoFile } from './layout';

/** The workspace's known-good store, at the path seamline.yaml names. */
export function openStore(root: string, model: WorkspaceModel): KnownGoodStore {
  const configured = model.integration.store;
  return new KnownGoodStore(
    isAbsolute(configured) ? configured : join(root, configured),
    configured,
    {},
    { lineCount: storeLineCountFile(root), verified: storeMemoFile(root) },
  );
}

/** The last tuple that passed the full suite, if any: what every other component is pinned to. */
export async function lastKnownGoodTuple(root: string, model: WorkspaceModel): Promise<Tuple | undefined> {
  return (await openStore(root, model).latest(FULL_SUITE))?.tuple;
}
