/**
 * Names for one terminal line: all of them up to `max`, else the first `max` and how many
 * more. A full suite of 1,000 seams printed a 6,000-character line naming each, right above
 * Nx's own list of the same tasks.
 */
export function nameList(names: readonly string[], max = 20): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
