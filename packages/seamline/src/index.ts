/**
 * Public API of @seamline/nx: the Nx plugin hooks, and what scripts and custom renderers use.
 *
 * Nx loads this module as the plugin, in a worker process of its own, on every project-graph
 * build. So it loads only the hooks (which load their parsers only when a file is not in
 * their cache); the library API in `./library` (zod, yaml, the store, git) is required on
 * first use, through getters, and its types are the library's own.
 */
import type * as Library from './library';

export { createNodes, createNodesV2, type SeamlinePluginOptions } from './plugin/create-nodes';
export { createDependencies } from './plugin/create-dependencies';
export { postTasksExecution } from './plugin/post-tasks-execution';
export { SeamlineError } from './core/errors';
export type {
  ChangesetManifest,
  ComponentConfig,
  FullManifest,
  IntegrationConfig,
  KnownGoodRecord,
  Manifest,
  ManifestInputs,
  ManifestKind,
  ManifestPin,
  OtherPin,
  PrManifest,
  SeamConfig,
  Subset,
  Tuple,
  TupleDiff,
  UnderTestPin,
  WorkspaceModel,
} from './library';

// `export let` (never assigned here) makes tsc write `exports.<name> = void 0`, from which
// Node learns the names for `import { loadWorkspace } from '@seamline/nx'` in an ES module;
// the getters defined below replace those placeholders.
export let MANIFEST_KINDS: typeof Library.MANIFEST_KINDS;
export let allPins: typeof Library.allPins;
export let pinsUnderTest: typeof Library.pinsUnderTest;
export let manifestTuple: typeof Library.manifestTuple;
export let manifestHash: typeof Library.manifestHash;
export let tupleHash: typeof Library.tupleHash;
export let buildChangesetManifest: typeof Library.buildChangesetManifest;
export let buildFullManifest: typeof Library.buildFullManifest;
export let buildPrManifest: typeof Library.buildPrManifest;
export let parseManifest: typeof Library.parseManifest;
export let serializeManifest: typeof Library.serializeManifest;
export let diffTuples: typeof Library.diffTuples;
export let verifyChain: typeof Library.verifyChain;
export let badge: typeof Library.badge;
export let latest: typeof Library.latest;
export let canRelease: typeof Library.canRelease;
export let KnownGoodStore: typeof Library.KnownGoodStore;
export type KnownGoodStore = Library.KnownGoodStore;
export let loadWorkspace: typeof Library.loadWorkspace;
export let loadManifest: typeof Library.loadManifest;
export let materializePins: typeof Library.materializePins;
export let resolveBranch: typeof Library.resolveBranch;
export let seamsReached: typeof Library.seamsReached;
export let componentsReached: typeof Library.componentsReached;

/** Every value `./library` exports (`index.spec.ts` checks that none is missing, here or above). */
const LIBRARY_EXPORTS = [
  'MANIFEST_KINDS',
  'allPins',
  'pinsUnderTest',
  'manifestTuple',
  'manifestHash',
  'tupleHash',
  'buildChangesetManifest',
  'buildFullManifest',
  'buildPrManifest',
  'parseManifest',
  'serializeManifest',
  'diffTuples',
  'verifyChain',
  'badge',
  'latest',
  'canRelease',
  'KnownGoodStore',
  'loadWorkspace',
  'loadManifest',
  'materializePins',
  'resolveBranch',
  'seamsReached',
  'componentsReached',
] as const satisfies readonly (keyof typeof Library)[];

let library: typeof Library | undefined;
for (const name of LIBRARY_EXPORTS) {
  Object.defineProperty(exports, name, {
    // Not enumerable: Nx copies the plugin module with a spread (`{ ...module }`), which would call every getter.
    enumerable: false,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    get: () => (library ??= require('./library') as typeof Library)[name],
  });
}
