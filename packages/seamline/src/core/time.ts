/** RFC 3339 UTC to the second, as manifests and records carry it. */
export function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Milliseconds as seconds with one decimal, as results and logs show durations. */
export const seconds = (ms: number) => Math.round(ms / 100) / 10;
