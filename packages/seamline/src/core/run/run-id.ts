/** `pr-20261121T121403-1a2b3c4d`: sortable by time, and names the composition. */
export function runId(kind: string, timestamp: string, manifestHash: string, suffix = ''): string {
  const compact = timestamp
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
    .replace(/Z$/, '');
  return `${kind}-${compact}-${manifestHash.slice(0, 8)}${suffix}`;
}
