/** A tuple: component name -> full commit SHA; one integrated build. */
export type Tuple = Readonly<Record<string, string>>;

export interface TupleDiff {
  moved: { name: string; from: string; to: string }[];
  added: { name: string; to: string }[];
  removed: { name: string; from: string }[];
  unchanged: string[];
}

/** Which components moved between two tuples, and from which SHA to which. */
export function diffTuples(before: Tuple, after: Tuple): TupleDiff {
  const diff: TupleDiff = { moved: [], added: [], removed: [], unchanged: [] };
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const name of names) {
    const from = before[name];
    const to = after[name];
    if (from === undefined) diff.added.push({ name, to });
    else if (to === undefined) diff.removed.push({ name, from });
    else if (from !== to) diff.moved.push({ name, from, to });
    else diff.unchanged.push(name);
  }
  return diff;
}

export function changedComponents(diff: TupleDiff): string[] {
  return [...diff.moved, ...diff.added, ...diff.removed].map((c) => c.name).sort();
}

export const shortSha = (sha: string) => sha.slice(0, 12);

/** A few human lines, one per component that changed. */
export function formatTupleDiff(diff: TupleDiff): string[] {
  const lines = [
    ...diff.moved.map((c) => `  ${c.name}: ${shortSha(c.from)} -> ${shortSha(c.to)}`),
    ...diff.added.map((c) => `  ${c.name}: (none) -> ${shortSha(c.to)}`),
    ...diff.removed.map((c) => `  ${c.name}: ${shortSha(c.from)} -> (none)`),
  ];
  return lines.length ? lines : ['  (identical tuples)'];
}
