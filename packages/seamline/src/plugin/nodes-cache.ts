import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from '@nx/devkit';
import * as nxInternals from 'nx/src/devkit-internals';
import * as nxCacheDirectory from 'nx/src/utils/cache-directory';
import type { CreateNodesResult } from '@nx/devkit';

/**
 * Nx's workspace data directory (`.nx/workspace-data`, or NX_WORKSPACE_DATA_DIRECTORY).
 * `nx/src/devkit-internals` exports it from Nx 23.1.2 on; before that it is only in
 * `nx/src/utils/cache-directory` (present in every 23.x and 24.x). Read as a
 * property, so a missing export is `undefined`, not a crash; with neither, the
 * plugin runs without its inference cache.
 */
export function nxWorkspaceDataDirectory(sources: Array<{ workspaceDataDirectory?: unknown }> = [nxInternals, nxCacheDirectory]): string | undefined {
  for (const source of sources) {
    const dir = source.workspaceDataDirectory;
    if (typeof dir === 'string' && dir) return dir;
  }
  return undefined;
}

const workspaceDataDirectory = nxWorkspaceDataDirectory();

/**
 * Inference results keyed by a hash of everything they were computed from
 * (file contents, options, plugin version), kept in Nx's workspace data dir
 * so an unchanged workspace is not parsed again.
 */
const version = (() => {
  try {
    return JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version as string;
  } catch {
    return 'dev';
  }
})();

/**
 * The code that decides what is inferred (this folder and the config schemas),
 * so a changed plugin never reuses results of an older one, even at one version.
 */
export const inferenceFingerprint = (() => {
  const hash = createHash('sha256');
  for (const dir of [__dirname, join(__dirname, '../core/config')]) {
    for (const name of readdirSync(dir)
      .filter((f) => /\.(js|ts)$/.test(f) && !f.includes('.spec.'))
      .sort())
      hash.update(readFileSync(join(dir, name)));
  }
  return hash.digest('hex').slice(0, 16);
})();

export class NodesCache {
  /** Undefined when this Nx tells no workspace data directory: nothing is read or written. */
  private readonly path = workspaceDataDirectory && join(workspaceDataDirectory, `seamline-nodes-${version}-${inferenceFingerprint}.json`);
  private entries: Record<string, CreateNodesResult>;
  private used = new Set<string>();
  private dirty = false;

  constructor() {
    this.entries = this.path && existsSync(this.path) ? safeRead(this.path) : {};
  }

  get(key: string): CreateNodesResult | undefined {
    const hit = this.entries[key];
    if (hit) this.used.add(key);
    return hit;
  }

  set(key: string, value: CreateNodesResult): void {
    this.entries[key] = value;
    this.used.add(key);
    this.dirty = true;
  }

  /** Keep only what this pass used, so the cache does not grow with history. */
  save(): void {
    if (!this.path || !workspaceDataDirectory) return;
    if (!this.dirty && this.used.size === Object.keys(this.entries).length) return;
    const kept = Object.fromEntries([...this.used].map((k) => [k, this.entries[k]]));
    try {
      writeJsonFile(this.path, kept);
      // Caches of other plugin builds will not be read again.
      for (const name of readdirSync(workspaceDataDirectory)) {
        if (name.startsWith('seamline-nodes-') && join(workspaceDataDirectory, name) !== this.path) rmSync(join(workspaceDataDirectory, name), { force: true });
      }
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }
}

function safeRead(path: string): Record<string, CreateNodesResult> {
  try {
    return readJsonFile(path);
  } catch {
    return {};
  }
}
