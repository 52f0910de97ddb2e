import type { WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError, unknownName } from '../core/errors';
import { FULL_SUITE } from '../core/known-good/queries';
import { allPins } from '../core/manifest/manifest';
import { parsePinSpec } from '../core/pin-spec';
import type { PinRequest } from '../git/pin-cache';
import { loadManifest } from './load-workspace';
import { openStore } from './open-store';

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
    return [{ component, url: model.components[component].repo, sha: spec.sha, submodules: model.components[component].submodules }];
  }
  let pins: PinRequest[];
  if (options.manifest) {
    const manifest = await loadManifest(root, model, options.manifest);
    pins = allPins(manifest).map((p) => ({ component: p.name, url: p.repo, sha: p.sha, submodules: model.components[p.name]?.submodules }));
  } else {
    const store = openStore(root, model);
    const record = await store.latest(FULL_SUITE);
    if (!record) throw new SeamlineError(`${store.displayPath}: no known-good full tuple yet; pass --manifest=<file>${component ? ' or --sha=<40-hex>' : ''}`);
    pins = Object.entries(record.tuple)
      .filter(([name]) => model.components[name])
      .map(([name, pinned]) => ({ component: name, url: model.components[name].repo, sha: pinned, submodules: model.components[name].submodules }));
  }
  if (component) {
    pins = pins.filter((p) => p.component === component);
    if (!pins.length) throw new SeamlineError(`component "${component}" has no pin there yet; pass --sha=<40-hex>`);
  }
  return pins;
}
