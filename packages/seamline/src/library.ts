/**
 * The library API of @seamline/nx (what scripts and custom renderers use), apart from
 * the Nx plugin hooks. `index.ts` re-exports it through getters, so that loading the
 * package as an Nx plugin does not load this (zod, yaml, the store, git).
 */
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
export { badge, latest } from './core/known-good/queries';
export { canRelease } from './core/known-good/release';
export { KnownGoodStore } from './store/known-good-store';
export { loadWorkspace, loadManifest } from './workspace/load-workspace';
export { materializePins } from './git/materialize';
export { resolveBranch } from './git/ls-remote';
export { seamsReached, componentsReached } from './core/selection';
