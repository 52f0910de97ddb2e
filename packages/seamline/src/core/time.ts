import { SeamlineError } from './errors';

/** RFC 3339 UTC to the second, as manifests and records carry it. */
export function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** An RFC 3339 UTC timestamp (`2026-11-21T12:14:03Z`) of a real date and time. */
export function isUtcTimestamp(text: string): boolean {
  return RFC3339_UTC.test(text) && !Number.isNaN(Date.parse(text)) && new Date(text).toISOString().slice(0, 19) === text.slice(0, 19);
}

/** Milliseconds as seconds with one decimal, as results and logs show durations. */
export const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** --timestamp: as given when it is a real RFC 3339 UTC time, else now. */
export function timestampOption(value: string | undefined, now = new Date()): string {
  if (value === undefined) return utcTimestamp(now);
  if (!isUtcTimestamp(value))
    throw new SeamlineError(`--timestamp: expected an RFC 3339 UTC timestamp such as 2026-11-21T12:14:03Z, got ${JSON.stringify(value)}`);
  return value;
}
