import { basename } from 'node:path';
import type { CreateDependencies, DependencyType, ProjectConfiguration, RawProjectGraphDependency } from '@nx/devkit';
import { componentConfigPath, seamConfigPath } from '../core/config/workspace-model';
import { readPackageJson } from '../fs/package-json';
import { latestCheckouts } from '../git/latest-checkout';
import type * as NpmPackages from '../render/npm-packages';
import type { SeamlinePluginOptions } from './create-nodes';
import { TAGS } from '../core/project-tags';

/** DependencyType values; a value import of @nx/devkit would load its whole index in the plugin worker. */
const STATIC = 'static' as DependencyType.static;
const IMPLICIT = 'implicit' as DependencyType.implicit;
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/**
 * component -> component edges from `dependsOn` and from the package.json of
 * each component's newest materialized checkout (a dependency on another
 * component's provided npm package); seam -> component edges from seam.yaml.
 * An edge from a YAML file names it; Nx caches such an edge with that file and
 * recomputes it when the file changes. An edge from a checkout's package.json is
 * implicit: the file is outside the workspace, and Nx keeps a cached static edge
 * until its source file changes, so a newer checkout's edges never showed until
 * `nx reset`. Nx takes implicit edges as the plugin returns them, every time.
 */
export const createDependencies: CreateDependencies<SeamlinePluginOptions> = async (_options, context) => {
  const { projects, workspaceRoot } = context;
  const tagged = (tag: string) => Object.entries(projects).filter(([, p]) => p.tags?.includes(tag));
  const components = new Map(tagged(TAGS.component).map(([name, p]) => [name, seamlineMetadata<ComponentEdges>(p)]));
  // One listing of the checkouts folder for all components (none when nothing was materialized yet).
  const checkouts = latestCheckouts(workspaceRoot);
  const providers = new Map<string, string>();
  for (const [name, config] of components) {
    for (const pkg of config?.npm ?? []) providers.set(pkg, name);
    if (config?.npmWorkspace) for (const pkg of await workspacePackageNames(name, checkouts.get(name))) providers.set(pkg, name);
  }

  const edges: RawProjectGraphDependency[] = [];
  const seen = new Set<string>();
  const add = (source: string, target: string, sourceFile?: string) => {
    if (source === target || !projects[target] || seen.has(`${source}>${target}`)) return;
    seen.add(`${source}>${target}`);
    edges.push(sourceFile ? { source, target, type: STATIC, sourceFile } : { source, target, type: IMPLICIT });
  };

  for (const [name, config] of components) {
    if (!config) continue;
    const file = componentConfigPath(name);
    for (const dep of config.dependsOn) add(name, dep, file);
    const checkout = checkouts.get(name);
    for (const pkg of checkout ? packageDependencies(checkout) : []) {
      const provider = providers.get(pkg);
      if (provider) add(name, provider);
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
  /** Package names component.yaml lists. */
  npm?: string[];
  /** `provides.npm: { workspace: true }`: the names are read from the newest checkout. */
  npmWorkspace?: boolean;
}

/** The packages a `workspace: true` component's newest checkout (`dir`) lists; none when there is no readable one. */
async function workspacePackageNames(component: string, dir: string | undefined): Promise<string[]> {
  if (!dir) return [];
  const sha = basename(dir).slice(component.length + 1);
  // Loaded here, as few components list their packages this way (it loads yaml, for pnpm-workspace.yaml).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { providedPackageDirs } = require('../render/npm-packages') as typeof NpmPackages;
  const found = await providedPackageDirs({ name: component, sha, dir }, { workspace: true }).catch(() => []);
  return found.map((p) => p.name);
}
interface SeamEdges {
  components: string[];
}

/** What createNodes parsed from the project's YAML; absent when that file did not parse. */
function seamlineMetadata<T>(project: ProjectConfiguration): T | undefined {
  return (project.metadata as { seamline?: T } | undefined)?.seamline;
}

/**
 * The dependency names of the package.json of a checkout. The file comes from a repository
 * Seamline does not control: a link out of the checkout (to /dev/zero), a device, a huge
 * file, a file that is not JSON or not an object, or fields that are not objects give no
 * edges rather than breaking every `nx` command of the workspace. A link that ends inside
 * the checkout is followed, as npm follows it.
 */
export function packageDependencies(checkout: string): string[] {
  const manifest = readPackageJson(checkout);
  if (!manifest) return [];
  return DEPENDENCY_FIELDS.flatMap((field) => {
    const deps = manifest[field];
    return deps && typeof deps === 'object' && !Array.isArray(deps) ? Object.keys(deps) : [];
  });
}
