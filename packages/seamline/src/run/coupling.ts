import type { ProjectGraph } from '@nx/devkit';
import { TAGS } from '../core/project-tags';

/** component -> component edges Nx knows (dependsOn and what checkouts' package.json files show). */
export function componentEdges(graph: ProjectGraph | undefined): [string, string][] {
  if (!graph) return [];
  const isComponent = (name: string) => graph.nodes[name]?.data.tags?.includes(TAGS.component);
  return Object.entries(graph.dependencies)
    .filter(([source]) => isComponent(source))
    .flatMap(([source, deps]) => deps.filter((d) => isComponent(d.target)).map((d): [string, string] => [source, d.target]));
}
