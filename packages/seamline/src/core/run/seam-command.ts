/**
 * How a seam's command travels from its seam.yaml to `seamline-seam` (a JSON list of arguments in
 * one environment variable, never a shell string), and the lines a seam run prints about it.
 */

/** The plugin's bin (package.json "bin") that a seam's inferred target runs. */
export const SEAM_BIN = 'seamline-seam';

/** The environment variable the seam's inferred target sets, read by `seamline-seam`. */
export const SEAM_COMMAND_VAR = 'SEAMLINE_SEAM_COMMAND';

export const encodeSeamCommand = (command: readonly string[]): string => JSON.stringify(command);

/** The argument list, or what is wrong with the variable as one line. */
export function parseSeamCommand(text: string | undefined): string[] | string {
  const fix = 'run the seam through its Nx target (nx run <seam>:test), which sets it from seam.yaml';
  if (!text) return `${SEAM_COMMAND_VAR} is not set; ${fix}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((a) => typeof a === 'string' && a.length > 0))
    return `${SEAM_COMMAND_VAR}: expected a JSON list of arguments such as ["jest","--ci"], got ${JSON.stringify(text.slice(0, 80))}; ${fix}`;
  return value as string[];
}

export const notInsideRunWarning = (seam: string) =>
  `${seam}: not inside a Seamline run, so no pins or overrides are set; run it through nx run integration:pr-fast, full or reproduce`;

/**
 * Why the command failed, did not run or did not end on its own, as one line. A failing exit
 * code is said too: Nx's own line after it names only `seamline-seam`.
 */
export function seamCommandFailure(command: readonly string[], how: { exitCode?: number; code?: string; message?: string; signal?: string }): string {
  const shown = `\`${command.join(' ')}\``;
  if (how.signal) return `${shown} was killed by ${how.signal}`;
  if (how.exitCode !== undefined) return `${shown} exited with code ${how.exitCode}`;
  if (how.code === 'ENOENT') return `could not run ${shown}: ${command[0]} was not found (not on PATH, nor in node_modules/.bin)`;
  return `could not run ${shown} (${how.message ?? how.code ?? 'unknown error'})`;
}
