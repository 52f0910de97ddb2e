/** Public API of @seamline/nx for scripts and custom renderers. */
export { SeamlineError } from './core/errors';
export type { ComponentConfig } from './core/config/component-config';
export type { IntegrationConfig, Subset } from './core/config/integration-config';
export type { SeamConfig } from './core/config/seam-config';
export type { WorkspaceModel } from './core/config/workspace-model';
export * from './core/manifest/manifest';
export { buildChangesetManifest, buildFullManifest, buildPrManifest, type ManifestInputs } from './core/manifest/build-manifest';
export { parseManifest, serializeManifest } from './core/manifest/manifest-yaml';
export { diffTuples, type Tuple, type TupleDiff } from './core/tuple';
export type { KnownGoodRecord } from './core/known-good/record';
export { verifyChain } from './core/known-good/chain';
export { badge, canRelease, latest } from './core/known-good/queries';
export { KnownGoodStore } from './store/known-good-store';
export { loadWorkspace, loadManifest } from './workspace/load-workspace';
