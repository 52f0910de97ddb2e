/** How a command ended, as much as a line about it needs. */
export interface CommandEnd {
  exitCode?: number;
  signal?: string;
  /** Why it did not start, in one line (`spawn tsc ENOENT`). */
  startError?: string;
}

/**
 * How a command that did not succeed ended, as the end of one line: `exited with 2`,
 * `was killed by SIGKILL` (a machine out of memory, a timeout), `could not run (spawn tsc ENOENT)`.
 */
export function commandOutcome(end: CommandEnd): string {
  if (end.signal) return `was killed by ${end.signal}`;
  if (end.exitCode !== undefined) return `exited with ${end.exitCode}`;
  return `could not run (${end.startError ?? 'no reason given'})`;
}
