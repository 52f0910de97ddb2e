/** Code-unit order, not locale order: rendered bytes must not depend on the machine. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const byName = (a: { name: string }, b: { name: string }) => compare(a.name, b.name);

/** The same record with its keys in code-unit order. */
export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(record)
      .sort(compare)
      .map((key) => [key, record[key]]),
  );
}
