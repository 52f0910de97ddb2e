import { readFileSync } from 'node:fs';
import { SeamlineError } from '../core/errors';
import type { Manifest } from '../core/manifest/manifest';
import { parseManifest } from '../core/manifest/manifest-yaml';
import { envName } from '../render/env';
import { inRun, pinnedNames, RUN_HINT, runVariable } from './run-env';

/**
 * What a seam test imports as `@seamline/nx/testing`: the pins of the run it
 * is part of, from the variables the env renderer set.
 */

export type { Manifest } from '../core/manifest/manifest';

export interface PinnedComponent {
  name: string;
  /** Absolute checkout dir of the pin. */
  dir: string;
  /** Full 40-hex commit SHA. */
  sha: string;
  repo: string;
}

/** The pinned checkout of `name` in this run. */
export function component(name: string): PinnedComponent {
  const key = envName(name);
  const dir = runVariable(`SEAMLINE_DIR_${key}`) ?? missing(`SEAMLINE_DIR_${key}`, name);
  const read = (variable: string) => runVariable(variable) ?? missing(variable);
  return { name, dir, sha: read(`SEAMLINE_SHA_${key}`), repo: read(`SEAMLINE_REPO_${key}`) };
}

/** The manifest of this run, parsed and checked. */
export function manifest(): Manifest {
  const file = runVariable('SEAMLINE_MANIFEST') ?? missing('SEAMLINE_MANIFEST');
  return parseManifest(readFileSync(file, 'utf8'), file);
}

/** sha256 of this run's {tuple, subset}. */
export function manifestHash(): string {
  return runVariable('SEAMLINE_MANIFEST_HASH') ?? missing('SEAMLINE_MANIFEST_HASH');
}

function missing(variable: string, component?: string): never {
  if (!inRun()) throw new SeamlineError(`${variable} is not set: this process is not part of a Seamline run; ${RUN_HINT}`);
  if (component) {
    const pinned = pinnedNames();
    const list = pinned ? ` (pinned: ${pinned.join(', ') || 'none'})` : '';
    throw new SeamlineError(`${variable} is not set: component "${component}" is not pinned in this run${list}; ${RUN_HINT} with a manifest that pins it`);
  }
  throw new SeamlineError(`${variable} is not set in this run; ${RUN_HINT}`);
}
