import { SeamlineError, unknownName } from '../errors';
import { allPins, type Manifest } from './manifest';

/**
 * A manifest may only name declared components, at the repository the
 * workspace declares for them, and must pin every one of them.
 */
export function checkManifestComponents(manifest: Manifest, components: Readonly<Record<string, { repo: string }>>, file: string): Manifest {
  const pinned = new Set<string>();
  for (const pin of allPins(manifest)) {
    const declared = components[pin.name];
    if (!declared) {
      throw new SeamlineError(
        `${file}: ${unknownName('component', pin.name, Object.keys(components))}; nothing is fetched from an undeclared repository`,
        file,
      );
    }
    if (declared.repo !== pin.repo) {
      throw new SeamlineError(
        `${file}: component "${pin.name}" names repo ${pin.repo}, but components/${pin.name}/component.yaml declares ${declared.repo}; regenerate the manifest`,
        file,
      );
    }
    pinned.add(pin.name);
  }
  const missing = Object.keys(components)
    .filter((name) => !pinned.has(name))
    .sort();
  if (missing.length) {
    throw new SeamlineError(
      `${file}: does not pin component${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; a manifest pins every declared component, regenerate it`,
      file,
    );
  }
  return manifest;
}
