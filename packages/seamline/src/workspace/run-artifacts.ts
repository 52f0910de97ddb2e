import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { SeamlineError } from '../core/errors';
import type { RunResults } from '../core/run/results';
import { displayPath } from './load-workspace';
import { runManifestFile } from './layout';

/** A run id names `.seamline/runs/<id>/manifest.yaml`; anything else is a manifest path. */
export function manifestPath(root: string, value: string): string {
  const asRun = runManifestFile(root, value);
  if (!value.includes('/') && existsSync(asRun)) return asRun;
  return isAbsolute(value) ? value : join(root, value);
}

/**
 * The results.json a run wrote beside its manifest (undefined when there is none),
 * and its path as messages show it; a file that cannot be read or parsed is one
 * line, ending with `hint` when given. The content is unchecked: callers judge it.
 */
export async function readRunResults(root: string, manifestFile: string, hint?: string): Promise<{ results: unknown; resultsFile: string }> {
  const file = join(dirname(manifestFile), 'results.json');
  const resultsFile = displayPath(root, file);
  const tail = hint ? `; ${hint}` : '';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { results: undefined, resultsFile };
    throw new SeamlineError(`${resultsFile}: cannot read it (${(error as Error).message})${tail}`, resultsFile);
  }
  try {
    return { results: JSON.parse(text), resultsFile };
  } catch {
    throw new SeamlineError(`${resultsFile}: not valid JSON${tail}`, resultsFile);
  }
}

/** The results of the run a manifest belongs to, if it is a run's. */
export async function runResultsBeside(root: string, manifestFile: string): Promise<RunResults | undefined> {
  return (await readRunResults(root, manifestFile)).results as RunResults | undefined;
}
