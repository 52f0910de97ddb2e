import { join } from 'node:path';
import { SeamlineError } from '../core/errors';
import { renderedPins } from './pins';
import type { RenderContext, Rendered } from './renderer';
import { compare, sortKeys } from './sorted';

export const ENV_FILE = 'seamline.env';

/** `users-api` -> `USERS_API`: the part of SEAMLINE_DIR_<NAME> that names a component. */
export function envName(component: string): string {
  return component.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/**
 * Always on: where each pin is checked out, at which SHA, from which repo, and
 * which manifest the run is. In the environment and in `seamline.env`, for
 * tools that take an env file (docker compose --env-file, a shell's `set -a; .`).
 */
export function renderEnv(context: RenderContext): Rendered {
  const pins = renderedPins(context);
  const vars: Record<string, string> = {
    SEAMLINE_MANIFEST_HASH: context.manifestHash,
    SEAMLINE_MANIFEST: join(context.overridesDir, '..', 'manifest.yaml'),
  };
  const owner = new Map<string, string>();
  for (const pin of pins) {
    const name = envName(pin.name);
    const other = owner.get(name);
    if (other) throw new SeamlineError(`components "${other}" and "${pin.name}" both map to SEAMLINE_DIR_${name}; rename one of them`);
    owner.set(name, pin.name);
    vars[`SEAMLINE_DIR_${name}`] = pin.dir;
    vars[`SEAMLINE_SHA_${name}`] = pin.sha;
    vars[`SEAMLINE_REPO_${name}`] = pin.repo;
  }
  const keys = Object.keys(vars).sort(compare);
  for (const key of keys) {
    // One variable a line: a line break inside a value would forge another variable.
    if (/[\r\n]/.test(vars[key])) throw new SeamlineError(`${key}: value contains a line break; move the workspace or checkout to a path without one`);
  }
  const file = keys.map((key) => `${key}=${vars[key]}\n`).join('');
  const env: Record<string, string> = {
    ...vars,
    SEAMLINE_ENV_FILE: join(context.overridesDir, ENV_FILE),
    SEAMLINE_COMPONENTS: pins.map((p) => p.name).join(','),
  };
  return { files: { [ENV_FILE]: file }, env: sortKeys(env) };
}
