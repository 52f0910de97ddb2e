import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CreateDependencies, DependencyType, type ProjectConfiguration, type RawProjectGraphDependency } from '@nx/devkit';
import { componentConfigPath, seamConfigPath } from '../core/config/workspace-model';
import { latestCheckout } from '../git/latest-checkout';
import type { SeamlinePluginOptions } from './create-nodes';
import { TAGS } from '../core/project-tags';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/**
 * component -> component edges from `dependsOn` and from the package.json of
 * each component's newest materialized checkout (a dependency on another
 * component's provided npm package); seam -> component edges from seam.yaml.
 * Every edge names the file that declares it.
 */
export const createDependencies: CreateDependencies<SeamlinePluginOptions> = async (_options, context) => {
  const { projects, workspaceRoot } = context;
  const tagged = (tag: string) => Object.entries(projects).filter(([, p]) => p.tags?.includes(tag));
  const components = new Map(tagged(TAGS.component).map(([name, p]) => [name, seamlineMetadata<ComponentEdges>(p)]));
  const providers = new Map<string, string>();
  for (const [name, config] of components) if (config?.npm) providers.set(config.npm, name);

  const edges: RawProjectGraphDependency[] = [];
  const seen = new Set<string>();
  const add = (source: string, target: string, sourceFile: string) => {
    if (source === target || !projects[target] || seen.has(`${source}>${target}`)) return;
    seen.add(`${source}>${target}`);
    edges.push({ source, target, type: DependencyType.static, sourceFile });
  };

  for (const [name, config] of components) {
    if (!config) continue;
    const file = componentConfigPath(name);
    for (const dep of config.dependsOn) add(name, dep, file);
    const checkout = await latestCheckout(workspaceRoot, name);
    for (const pkg of checkout ? packageDependencies(join(checkout, 'package.json')) : []) {
      const provider = providers.get(pkg);
      if (provider) add(name, provider, file);
    }
  }
  for (const [name, p] of tagged(TAGS.seam)) {
    const seam = seamlineMetadata<SeamEdges>(p);
    for (const component of seam?.components ?? []) if (components.has(component)) add(name, component, seamConfigPath(name));
  }
  return edges;
};

interface ComponentEdges {
  dependsOn: string[];
  npm?: string;
}
interface SeamEdges {
  components: string[];
}

/** What createNodes parsed from the project's YAML; absent when that file did not parse. */
function seamlineMetadata<T>(project: ProjectConfiguration): T | undefined {
  return (project.metadata as { seamline?: T } | undefined)?.seamline;
}

function packageDependencies(path: string): string[] {
  if (!existsSync(path)) return [];
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    return DEPENDENCY_FIELDS.flatMap((field) => Object.keys(manifest[field] ?? {}));
  } catch {
    return [];
  }
}
