import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { type Manifest, manifestHash } from '../core/manifest/manifest';
import { serializeManifest } from '../core/manifest/manifest-yaml';
import { writeFileAtomic } from '../fs/atomic-write';
import { manifestsRoot } from './layout';

/** Write a manifest to `out` (relative to the workspace), or under .seamline/manifests named by kind and hash; returns the path. */
export async function writeManifest(root: string, manifest: Manifest, out?: string): Promise<string> {
  const path = out ? (isAbsolute(out) ? out : join(root, out)) : join(manifestsRoot(root), `${manifest.kind}-${manifestHash(manifest).slice(0, 12)}.yaml`);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, serializeManifest(manifest));
  return path;
}
