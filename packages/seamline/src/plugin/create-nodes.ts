import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AggregateCreateNodesError, CreateNodes, CreateNodesContext, CreateNodesResult } from '@nx/devkit';
import { integrationConfigPath, seamNamedLikeComponent } from '../core/config/workspace-model';
import { SeamlineError } from '../core/errors';
import { sha256 } from '../core/hash';
import type * as Inference from './infer-nodes';
import { NodesCache } from './nodes-cache';

export interface SeamlinePluginOptions {
  /** Reserved for target name overrides; no options are needed today. */
  [key: string]: unknown;
}

/** The three files that make Seamline projects, at their places in the layout. */
export const SEAMLINE_PROJECT_FILES = '{integration/seamline.yaml,components/*/component.yaml,seams/*/seam.yaml}';

/**
 * The parsers (yaml, zod) and what infers nodes from them, loaded on the first cache miss:
 * Nx starts a fresh plugin worker for every graph build, and an unchanged workspace needs none of it.
 */
let inference: typeof Inference | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const infer = () => (inference ??= require('./infer-nodes') as typeof Inference);

/**
 * integration/seamline.yaml -> project `integration`; components/<name>/component.yaml
 * -> project `<name>` (a virtual project: its sources live in git); seams/<name>/seam.yaml
 * -> project `<name>`. A file that does not parse is reported by name and the
 * other projects still load.
 */
export const createNodes: CreateNodes<SeamlinePluginOptions> = [
  SEAMLINE_PROJECT_FILES,
  async (files, _options, context) => {
    const cache = new NodesCache();
    try {
      // seamline.yaml is read and parsed once per graph (and only when it changed), not once per seam.
      const curated = curatedSubsets(readIfExists(join(context.workspaceRoot, integrationConfigPath)), cache);
      const componentNames = new Set(files.filter((f) => f.startsWith('components/')).map((f) => basename(dirname(f))));
      return eachFile(files, (file) =>
        withoutInternalStack(() => {
          // Two projects of one name would stop the whole graph with Nx's multi-line error; this names the seam's file alone.
          if (file.startsWith('seams/') && componentNames.has(basename(dirname(file)))) throw seamNamedLikeComponent(basename(dirname(file)));
          return nodesFor(file, context, cache, curated);
        }),
      );
    } finally {
      cache.save();
    }
  },
];

/** The deprecated V2 name, for workspaces that still ask for it. */
export const createNodesV2 = createNodes;

/**
 * What `createNodesFromFiles` of @nx/devkit does, for a synchronous inference: every file's
 * result, and when some failed, an AggregateCreateNodesError that names each failed file and
 * carries the other results, so Nx reports the files and still loads every other project.
 * Written here because @nx/devkit's index takes longer to load than a warm graph takes to infer.
 */
function eachFile(files: readonly string[], nodesOf: (file: string) => CreateNodesResult): [string, CreateNodesResult][] {
  const results: [string, CreateNodesResult][] = [];
  const errors: [string, Error][] = [];
  for (const file of files) {
    try {
      results.push([file, nodesOf(file)]);
    } catch (error) {
      errors.push([file, error as Error]);
    }
  }
  if (errors.length) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AggregateCreateNodesError: Aggregate } = require('@nx/devkit') as { AggregateCreateNodesError: typeof AggregateCreateNodesError };
    throw new Aggregate(errors, results);
  }
  return results;
}

/** A user's mistake is one line; Nx prints the stack it is given, so give it one only under --verbose. */
function withoutInternalStack<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SeamlineError && process.env.NX_VERBOSE_LOGGING !== 'true') error.stack = error.message;
    throw error;
  }
}

function nodesFor(file: string, context: CreateNodesContext, cache: NodesCache, curated: (seam: string) => string[]): CreateNodesResult {
  const text = readFileSync(join(context.workspaceRoot, file), 'utf8');
  // A seam's subset tags also depend on the subsets of seamline.yaml that list it, and only on those:
  // editing a budget or a quarantine does not invalidate every seam.
  const listedIn = file.startsWith('seams/') ? curated(basename(dirname(file))) : [];
  const key = sha256(`${file}\0${text}\0${listedIn.join(',')}`);
  const hit = cache.get<CreateNodesResult>(key);
  if (hit) return hit;
  const result = infer().inferNodes(file, text, listedIn);
  cache.set(key, result);
  return result;
}

/** Which subsets of seamline.yaml list a seam (or all seams), kept in the cache by the file's content. */
function curatedSubsets(text: string, cache: NodesCache): (seam: string) => string[] {
  let subsets: Inference.CuratedSubsets = [];
  if (text) {
    const key = sha256(`${integrationConfigPath}\0subsets\0${text}`);
    const hit = cache.get<Inference.CuratedSubsets>(key);
    subsets = hit ?? infer().curatedSubsets(text);
    if (!hit) cache.set(key, subsets);
  }
  return (seam) => subsets.filter(([, seams]) => seams === 'all' || seams.includes(seam)).map(([name]) => name);
}

function readIfExists(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}
