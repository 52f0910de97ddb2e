import { readFileSync } from 'node:fs';
import { SeamlineError } from '../core/errors';

export const RUN_HINT = 'run this seam through nx run integration:pr-fast (or full, reproduce)';

/**
 * The run's variables: the process environment first, then the env file it
 * points at (SEAMLINE_ENV_FILE), for a process that got only that one.
 */
export function runVariable(key: string): string | undefined {
  return process.env[key] || envFile()?.[key] || undefined;
}

/** Whether this process belongs to a Seamline run at all. */
export function inRun(): boolean {
  return Boolean(process.env.SEAMLINE_MANIFEST_HASH || process.env.SEAMLINE_ENV_FILE || process.env.SEAMLINE_COMPONENTS);
}

/** Names of the pinned components, when the environment lists them (the env file has no such line). */
export function pinnedNames(): string[] | undefined {
  return process.env.SEAMLINE_COMPONENTS?.split(',').filter(Boolean);
}

/** Read on every call: it is small, and a stale copy would name the wrong run. */
function envFile(): Record<string, string> | undefined {
  const path = process.env.SEAMLINE_ENV_FILE;
  if (!path) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SeamlineError(`SEAMLINE_ENV_FILE=${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${RUN_HINT}`);
  }
  return parseEnvFile(text);
}

/** `KEY=value` lines, as the env renderer writes them. */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) vars[line.slice(0, at)] = line.slice(at + 1);
  }
  return vars;
}
