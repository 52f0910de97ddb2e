import { satisfies, validRange } from 'semver';

/**
 * The devEngines entry npm refuses to run beside, as npm-install-checks decides it: a list
 * holds alternatives and fails only when none matches; the name must be the running one's and
 * the version in the range (or equal to it, when not a range); the last entry's onFail rules,
 * `error` when absent, and `download` counts as `error`. Returns the entries as written, for
 * the log, when npm refuses; undefined when it runs, or for a shape npm stops on whatever
 * Seamline does (an unknown property, a missing name).
 */
export function npmRefusesDevEngine(devEngines: unknown, engine: 'runtime' | 'packageManager', current: { name: string; version: string }): string | undefined {
  const declared = typeof devEngines === 'object' && devEngines !== null ? (devEngines as Record<string, unknown>)[engine] : undefined;
  const entries = [declared].flat().filter((e) => e !== undefined);
  if (entries.length === 0) return undefined;
  if (!entries.every(isEntry)) return undefined;
  const matches = (e: Entry) =>
    e.name === current.name &&
    (e.version === undefined || (validRange(e.version) !== null ? satisfies(current.version, e.version) : e.version === current.version));
  if (entries.some(matches) || !npmEnforces(devEngines, engine)) return undefined;
  return entries.map((e) => `${e.name}${e.version === undefined ? '' : ` ${e.version}`}`).join(' or ');
}

interface Entry {
  name: string;
  version?: string;
  onFail?: string;
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.name === 'string' &&
    (e.version === undefined || typeof e.version === 'string') &&
    (e.onFail === undefined || typeof e.onFail === 'string') &&
    Object.keys(e).every((k) => k === 'name' || k === 'version' || k === 'onFail')
  );
}

/** Whether npm stops on a mismatch of devEngines[engine]: the last entry's onFail is `error` (or absent) or `download`, which npm treats as `error`. */
export function npmEnforces(devEngines: unknown, engine: 'runtime' | 'packageManager'): boolean {
  const declared = typeof devEngines === 'object' && devEngines !== null ? (devEngines as Record<string, unknown>)[engine] : undefined;
  const last: unknown = [declared].flat().at(-1);
  const onFail = typeof last === 'object' && last !== null ? ((last as { onFail?: unknown }).onFail ?? 'error') : 'error';
  return onFail === 'error' || onFail === 'download';
}
