import type { ComponentConfig } from '../core/config/component-config';
import { SeamlineError } from '../core/errors';
import { allPins, type ManifestPin } from '../core/manifest/manifest';
import type { RenderContext } from './renderer';
import { byName } from './sorted';

export interface RenderedPin extends ManifestPin {
  /** Absolute checkout dir of the pin. */
  dir: string;
  /** What the component provides; empty when it declares nothing. */
  provides: ComponentConfig['provides'];
}

/** Every pin of the manifest with its checkout, sorted by component name. */
export function renderedPins(context: RenderContext): RenderedPin[] {
  return allPins(context.manifest)
    .map((pin) => {
      const dir = context.checkouts[pin.name];
      if (!dir)
        throw new SeamlineError(`component "${pin.name}" is pinned at ${pin.sha} but has no checkout; materialize the manifest before rendering overrides`);
      return { name: pin.name, repo: pin.repo, sha: pin.sha, dir, provides: context.components[pin.name]?.provides ?? {} };
    })
    .sort(byName);
}
