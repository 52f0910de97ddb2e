import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as nxCacheDirectory from 'nx/src/utils/cache-directory';
import { removeAbandonedCacheTempFiles, replaceCacheFile } from '../fs/atomic-write';

type Source = () => { workspaceDataDirectory?: unknown };

/**
 * Nx's workspace data directory (`.nx/workspace-data`, or NX_WORKSPACE_DATA_DIRECTORY).
 * `nx/src/utils/cache-directory` has it in every 23.x and 24.x (and Nx's plugin worker has
 * already loaded it); `nx/src/devkit-internals` exports it from Nx 23.1.2 on and is only
 * loaded if the first has none. Read as a property, so a missing export is `undefined`, not
 * a crash; with neither, the plugin runs without its inference cache.
 */
export function nxWorkspaceDataDirectory(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sources: Source[] = [() => nxCacheDirectory, () => require('nx/src/devkit-internals')],
): string | undefined {
  for (const source of sources) {
    const dir = source().workspaceDataDirectory;
    if (typeof dir === 'string' && dir) return dir;
  }
  return undefined;
}

const workspaceDataDirectory = nxWorkspaceDataDirectory();

/** Every build of the plugin names its cache file so, and nothing else in the directory. */
const CACHE_PREFIX = 'seamline-nodes-';
/** A temp file untouched this long belongs to no live writer (they hold one for milliseconds). */
const ABANDONED_AFTER_MS = 60_000;

/** The plugin's version, part of the cache file's name. */
const version = (() => {
  try {
    return JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version as string;
  } catch {
    return 'dev';
  }
})();

/**
 * The code that decides what is inferred (this folder, the config schemas and how a
 * seam's command is encoded), so a changed plugin never reuses results of an older
 * one, even at one version.
 */
export const inferenceFingerprint = (() => {
  const hash = createHash('sha256');
  const code = (f: string) => /\.(js|ts)$/.test(f) && !f.includes('.spec.') && !f.endsWith('.d.ts');
  for (const dir of [__dirname, join(__dirname, '../core/config')]) {
    for (const name of readdirSync(dir).filter(code).sort()) hash.update(readFileSync(join(dir, name)));
  }
  const seamCommand = join(__dirname, '../core/run');
  for (const name of readdirSync(seamCommand).filter((f) => f.startsWith('seam-command.') && code(f))) hash.update(readFileSync(join(seamCommand, name)));
  return hash.digest('hex').slice(0, 16);
})();

/**
 * Inference results keyed by a hash of everything they were computed from
 * (file contents, options, plugin version), kept in Nx's workspace data dir
 * so an unchanged workspace is not parsed again.
 */
export class NodesCache {
  /** Undefined when this Nx tells no workspace data directory: nothing is read or written. */
  private readonly path = workspaceDataDirectory && join(workspaceDataDirectory, `${CACHE_PREFIX}${version}-${inferenceFingerprint}.json`);
  private entries: Record<string, unknown>;
  private used = new Set<string>();
  private dirty = false;

  constructor() {
    this.entries = this.path && existsSync(this.path) ? safeRead(this.path) : {};
  }

  get<T>(key: string): T | undefined {
    const hit = this.entries[key];
    if (hit) this.used.add(key);
    return hit as T | undefined;
  }

  set(key: string, value: unknown): void {
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
      // Replaced whole, so a concurrent Nx process never reads half a file; not synced to disk,
      // as a cache lost in a crash is only inferred again (safeRead takes an empty or cut file as none).
      mkdirSync(workspaceDataDirectory, { recursive: true });
      replaceCacheFile(this.path, JSON.stringify(kept));
      // Caches of other plugin builds will not be read again.
      for (const name of readdirSync(workspaceDataDirectory)) {
        if (name.startsWith(CACHE_PREFIX) && join(workspaceDataDirectory, name) !== this.path) rmSync(join(workspaceDataDirectory, name), { force: true });
      }
      // A graph build killed between its temp file and the rename left about a megabyte behind.
      removeAbandonedCacheTempFiles(workspaceDataDirectory, CACHE_PREFIX, ABANDONED_AFTER_MS);
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }
}

function safeRead(path: string): Record<string, unknown> {
  try {
    const entries: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return entries && typeof entries === 'object' && !Array.isArray(entries) ? (entries as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
