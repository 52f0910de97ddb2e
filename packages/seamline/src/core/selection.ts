/**
 * Which seams a change reaches. A seam is reached when it touches a component
 * that moved, or a component that depends on one that moved, directly or
 * through other components: a consumer's behaviour changes with its provider.
 */
export interface CouplingGraph {
  /** component -> the components it depends on (consumes). */
  dependsOn: Readonly<Record<string, readonly string[]>>;
  /** seam -> the components it touches. */
  seams: Readonly<Record<string, readonly string[]>>;
}

/** The moved components and everything that depends on them, transitively. */
export function componentsReached(moved: Iterable<string>, dependsOn: CouplingGraph['dependsOn']): Set<string> {
  const dependents = new Map<string, string[]>();
  for (const [consumer, providers] of Object.entries(dependsOn)) {
    for (const provider of providers) {
      const list = dependents.get(provider);
      if (list) list.push(consumer);
      else dependents.set(provider, [consumer]);
    }
  }
  const reached = new Set<string>();
  const queue = [...moved];
  while (queue.length) {
    const component = queue.pop()!;
    if (reached.has(component)) continue;
    reached.add(component);
    for (const consumer of dependents.get(component) ?? []) if (!reached.has(consumer)) queue.push(consumer);
  }
  return reached;
}

export function seamsReached(moved: Iterable<string>, graph: CouplingGraph): string[] {
  const reached = componentsReached(moved, graph.dependsOn);
  return Object.keys(graph.seams)
    .filter((seam) => graph.seams[seam].some((c) => reached.has(c)))
    .sort();
}
