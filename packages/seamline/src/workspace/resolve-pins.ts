import type { WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError, unknownName } from '../core/errors';
import { FULL_SUITE } from '../core/known-good/queries';
import { allPins, type Manifest } from '../core/manifest/manifest';
import { parsePinSpec } from '../core/pin-spec';
import type { PinRequest } from '../git/pin-cache';
import { loadManifest } from './load-workspace';
import { openStore } from './open-store';

/**
 * The request to materialize one pin: the repository it is fetched from (a manifest
 * names its own; by default the component's), and what its component.yaml asks of a checkout.
 */
export function pinRequest(model: WorkspaceModel, component: string, sha: string, url = model.components[component].repo): PinRequest {
  const config = model.components[component];
  return { component, url, sha, submodules: config?.submodules, lfs: config?.lfs };
}

/** A manifest's pins as requests. */
export const manifestPinRequests = (model: WorkspaceModel, manifest: Manifest): PinRequest[] =>
  allPins(manifest).map((p) => pinRequest(model, p.name, p.sha, p.repo));

/**
 * The pins a command works on: those of a manifest file, or of the last
 * known-good full tuple; narrowed to one component, or to one explicit SHA.
 */
export async function resolvePins(
  root: string,
  model: WorkspaceModel,
  options: { manifest?: string; component?: string; sha?: string },
): Promise<PinRequest[]> {
  const { component, sha } = options;
  if (component && !model.components[component]) {
    throw new SeamlineError(`--component: ${unknownName('component', component, Object.keys(model.components))}`);
  }
  if (sha && !component) throw new SeamlineError('--sha: expected --component=<name> with it');
  if (component && sha) {
    const spec = parsePinSpec(`${component}@${sha}`, 'sha');
    return [pinRequest(model, component, spec.sha)];
  }
  let pins: PinRequest[];
  if (options.manifest) {
    const manifest = await loadManifest(root, model, options.manifest);
    pins = manifestPinRequests(model, manifest);
  } else {
    const store = openStore(root, model);
    const record = await store.latest(FULL_SUITE);
    if (!record) throw new SeamlineError(`${store.displayPath}: no known-good full tuple yet; pass --manifest=<file>${component ? ' or --sha=<40-hex>' : ''}`);
    pins = Object.entries(record.tuple)
      .filter(([name]) => model.components[name])
      .map(([name, pinned]) => pinRequest(model, name, pinned));
  }
  if (component) {
    pins = pins.filter((p) => p.component === component);
    if (!pins.length) throw new SeamlineError(`component "${component}" has no pin there yet; pass --sha=<40-hex>`);
  }
  return pins;
}
