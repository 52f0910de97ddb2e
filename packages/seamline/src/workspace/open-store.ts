import { isAbsolute, join } from 'node:path';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { KnownGoodStore } from '../store/known-good-store';

/** The workspace's known-good store, at the path seamline.yaml names. */
export function openStore(root: string, model: WorkspaceModel): KnownGoodStore {
  const configured = model.integration.store;
  return new KnownGoodStore(isAbsolute(configured) ? configured : join(root, configured), configured);
}
