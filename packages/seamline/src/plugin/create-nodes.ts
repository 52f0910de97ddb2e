import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type CreateNodes, type CreateNodesContext, createNodesFromFiles, type CreateNodesResult } from '@nx/devkit';
import { parseComponentConfig, parseIntegrationConfig, parseSeamConfig } from '../core/config/parse-config';
import { integrationConfigPath } from '../core/config/workspace-model';
import { SeamlineError } from '../core/errors';
import { sha256 } from '../core/hash';
import { NodesCache } from './nodes-cache';
import { componentTargets, integrationTargets, seamTarget } from './targets';

export interface SeamlinePluginOptions {
  /** Reserved for target name overrides; no options are needed today. */
  [key: string]: unknown;
}

/** The three files that make Seamline projects, at their places in the layout. */
export const SEAMLINE_PROJECT_FILES = '{integration/seamline.yaml,components/*/component.yaml,seams/*/seam.yaml}';

export const TAGS = {
  integration: 'seamline:integration',
  component: 'seamline:component',
  seam: 'seamline:seam',
  ring: (ring: number) => `seamline:ring-${ring}`,
  subset: (subset: string) => `seamline:subset-${subset}`,
};

/**
 * integration/seamline.yaml -> project `integration`; components/<name>/component.yaml
 * -> project `<name>` (a virtual project: its sources live in git); seams/<name>/seam.yaml
 * -> project `<name>`. A file that does not parse is reported by name and the
 * other projects still load.
 */
export const createNodes: CreateNodes<SeamlinePluginOptions> = [
  SEAMLINE_PROJECT_FILES,
  async (files, options, context) => {
    const cache = new NodesCache();
    try {
      return await createNodesFromFiles((file, opts, ctx) => withoutInternalStack(() => nodesFor(file, ctx, cache)), files, options, context);
    } finally {
      cache.save();
    }
  },
];

/** The deprecated V2 name, for workspaces that still ask for it. */
export const createNodesV2 = createNodes;

/** A user's mistake is one line; Nx prints the stack it is given, so give it one only under --verbose. */
function withoutInternalStack<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SeamlineError && process.env.NX_VERBOSE_LOGGING !== 'true') error.stack = error.message;
    throw error;
  }
}

function nodesFor(file: string, context: CreateNodesContext, cache: NodesCache): CreateNodesResult {
  const text = readFileSync(join(context.workspaceRoot, file), 'utf8');
  const isSeam = file.startsWith('seams/');
  // A seam's subset tags also depend on the subsets curated in seamline.yaml.
  const subsetsText = isSeam ? readIfExists(join(context.workspaceRoot, integrationConfigPath)) : '';
  const key = sha256(`${file}\0${text}\0${subsetsText}`);
  const hit = cache.get(key);
  if (hit) return hit;
  const result = infer(file, text, subsetsText);
  cache.set(key, result);
  return result;
}

function infer(file: string, text: string, subsetsText: string): CreateNodesResult {
  const root = dirname(file);
  const name = basename(root);
  if (file === integrationConfigPath) {
    parseIntegrationConfig(text, file);
    return {
      projects: {
        [root]: { name: 'integration', root, projectType: 'application', tags: [TAGS.integration], targets: integrationTargets() },
      },
    };
  }
  if (file.startsWith('components/')) {
    const component = parseComponentConfig(text, file);
    return {
      projects: {
        [root]: {
          name,
          root,
          projectType: 'library',
          tags: [TAGS.component],
          targets: componentTargets(name),
          metadata: { description: `component ${name}: ${component.repo} (${component.branch})` },
        },
      },
    };
  }
  const seam = parseSeamConfig(text, file);
  const subsets = new Set(seam.subsets);
  for (const subset of curatedSubsetsOf(name, subsetsText)) subsets.add(subset);
  return {
    projects: {
      [root]: {
        name,
        root,
        projectType: 'application',
        tags: [TAGS.seam, TAGS.ring(seam.ring), ...[...subsets].sort().map(TAGS.subset)],
        metadata: { description: `seam across ${seam.components.join(', ')}: catches ${seam.catches}` },
        ...(seam.command ? { targets: { [seam.target]: seamTarget(seam.command, seam.catches) } } : {}),
      },
    },
  };
}

/** Subsets of seamline.yaml that list this seam (or all seams). A broken seamline.yaml is reported on its own node. */
function curatedSubsetsOf(seam: string, subsetsText: string): string[] {
  if (!subsetsText) return [];
  try {
    const config = parseIntegrationConfig(subsetsText, integrationConfigPath);
    return Object.entries(config.subsets)
      .filter(([, s]) => s.seams === 'all' || s.seams.includes(seam))
      .map(([name]) => name);
  } catch {
    return [];
  }
}

function readIfExists(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}
