import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { readJsonFile, workspaceRoot, writeJsonFile } from '@nx/devkit';
import type { CreateNodesResult } from '@nx/devkit';

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
    for (const name of readdirSync(dir).filter((f) => /\.(js|ts)$/.test(f) && !f.includes('.spec.')).sort()) hash.update(readFileSync(join(dir, name)));
  }
  return hash.digest('hex').slice(0, 16);
})();

/** Nx's workspace data directory (what `nx reset` clears), as Nx itself resolves it. */
const workspaceDataDirectory = ((): string => {
  // No public @nx/devkit export has it (cacheDir is the task cache, shared across checkouts) and nx/src/devkit-internals may change between Nx 23 and 24: use it when there, else Nx's default.
  try {
    const internals = require('nx/src/devkit-internals') as { workspaceDataDirectory?: unknown };
    if (typeof internals.workspaceDataDirectory === 'string') return internals.workspaceDataDirectory;
  } catch {
    // moved or no longer exported: fall through
  }
  const configured = process.env.NX_WORKSPACE_DATA_DIRECTORY;
  if (!configured) return join(workspaceRoot, '.nx', 'workspace-data');
  return isAbsolute(configured) ? configured : join(workspaceRoot, configured);
})();

export class NodesCache {
  private readonly path = join(workspaceDataDirectory, `seamline-nodes-${version}-${inferenceFingerprint}.json`);
  private entries: Record<string, CreateNodesResult>;
  private used = new Set<string>();
  private dirty = false;

  constructor() {
    this.entries = existsSync(this.path) ? safeRead(this.path) : {};
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
