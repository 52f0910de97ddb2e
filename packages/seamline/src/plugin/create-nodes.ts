import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type CreateNodes, type CreateNodesContext, createNodesFromFiles, type CreateNodesResult } from '@nx/devkit';
import { namedNpmPackages, npmFromWorkspace } from '../core/config/npm-packages';
import { parseComponentConfig, parseIntegrationConfig, parseSeamConfig } from '../core/config/parse-config';
import { integrationConfigPath, seamNamedLikeComponent } from '../core/config/workspace-model';
import { SeamlineError } from '../core/errors';
import { sha256 } from '../core/hash';
import { TAGS } from '../core/project-tags';
import { NodesCache } from './nodes-cache';
import { componentTargets, integrationTargets, seamTarget } from './targets';

export interface SeamlinePluginOptions {
  /** Reserved for target name overrides; no options are needed today. */
  [key: string]: unknown;
}

/** The three files that make Seamline projects, at their places in the layout. */
export const SEAMLINE_PROJECT_FILES = '{integration/seamline.yaml,components/*/component.yaml,seams/*/seam.yaml}';

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
    // seamline.yaml is read and parsed once per graph, not once per seam.
    const curated = curatedSubsets(readIfExists(join(context.workspaceRoot, integrationConfigPath)));
    const componentNames = new Set(files.filter((f) => f.startsWith('components/')).map((f) => basename(dirname(f))));
    try {
      return await createNodesFromFiles(
        (file, opts, ctx) =>
          withoutInternalStack(() => {
            // Two projects of one name would stop the whole graph with Nx's multi-line error; this names the seam's file alone.
            if (file.startsWith('seams/') && componentNames.has(basename(dirname(file)))) throw seamNamedLikeComponent(basename(dirname(file)));
            return nodesFor(file, ctx, cache, curated);
          }),
        files,
        options,
        context,
      );
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

function nodesFor(file: string, context: CreateNodesContext, cache: NodesCache, curated: (seam: string) => string[]): CreateNodesResult {
  const text = readFileSync(join(context.workspaceRoot, file), 'utf8');
  // A seam's subset tags also depend on the subsets of seamline.yaml that list it, and only on those:
  // editing a budget or a quarantine does not invalidate every seam.
  const listedIn = file.startsWith('seams/') ? curated(basename(dirname(file))) : [];
  const key = sha256(`${file}\0${text}\0${listedIn.join(',')}`);
  const hit = cache.get(key);
  if (hit) return hit;
  const result = infer(file, text, listedIn);
  cache.set(key, result);
  return result;
}

function infer(file: string, text: string, listedIn: readonly string[]): CreateNodesResult {
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
          metadata: {
            description: `component ${name}: ${component.repo} (${component.branch})`,
            // What createDependencies draws edges from, so it need not parse the YAML again.
            seamline: {
              dependsOn: component.dependsOn,
              ...(component.provides.npm ? { npm: namedNpmPackages(component.provides.npm).map((p) => p.name) } : {}),
              ...(npmFromWorkspace(component.provides.npm) ? { npmWorkspace: true } : {}),
            },
          },
        },
      },
    };
  }
  const seam = parseSeamConfig(text, file);
  const subsets = new Set(seam.subsets);
  for (const subset of listedIn) subsets.add(subset);
  return {
    projects: {
      [root]: {
        name,
        root,
        projectType: 'application',
        tags: [TAGS.seam, TAGS.ring(seam.ring), ...[...subsets].sort().map(TAGS.subset)],
        metadata: { description: `seam across ${seam.components.join(', ')}: catches ${seam.catches}`, seamline: { components: seam.components } },
        ...(seam.command ? { targets: { [seam.target]: seamTarget(seam.command, seam.catches) } } : {}),
      },
    },
  };
}

/** Which subsets of seamline.yaml list a seam (or all seams). A broken seamline.yaml is reported on its own node. */
function curatedSubsets(subsetsText: string): (seam: string) => string[] {
  let subsets: [string, { seams: 'all' | string[] }][] = [];
  try {
    if (subsetsText) subsets = Object.entries(parseIntegrationConfig(subsetsText, integrationConfigPath).subsets);
  } catch {
    subsets = [];
  }
  return (seam) => subsets.filter(([, s]) => s.seams === 'all' || s.seams.includes(seam)).map(([name]) => name);
}

function readIfExists(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}
