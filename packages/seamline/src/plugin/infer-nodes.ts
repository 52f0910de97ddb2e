import { basename, dirname } from 'node:path';
import type { CreateNodesResult } from '@nx/devkit';
import { namedNpmPackages, npmFromWorkspace } from '../core/config/npm-packages';
import { parseComponentConfig, parseIntegrationConfig, parseSeamConfig } from '../core/config/parse-config';
import { integrationConfigPath } from '../core/config/workspace-model';
import { TAGS } from '../core/project-tags';
import { componentTargets, integrationTargets, seamTarget } from './targets';

/**
 * What createNodes infers from a file it has no cached result for: this parses the YAML
 * (yaml and zod), so create-nodes.ts loads this module only on a cache miss.
 */
export function inferNodes(file: string, text: string, listedIn: readonly string[]): CreateNodesResult {
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
        ...(seam.command ? { targets: { [seam.target]: seamTarget(root, seam.command, seam.catches) } } : {}),
      },
    },
  };
}

/** Each subset of seamline.yaml and the seams it lists ('all' or names); none when it does not parse (its own node reports that). */
export type CuratedSubsets = [name: string, seams: 'all' | string[]][];

export function curatedSubsets(text: string): CuratedSubsets {
  try {
    return Object.entries(parseIntegrationConfig(text, integrationConfigPath).subsets).map(([name, subset]) => [name, subset.seams]);
  } catch {
    return [];
  }
}
