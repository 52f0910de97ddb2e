import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { RunResults } from '../core/run/results';
import { runManifestFile } from './layout';

/** A run id names `.seamline/runs/<id>/manifest.yaml`; anything else is a manifest path. */
export function manifestPath(root: string, value: string): string {
  const asRun = runManifestFile(root, value);
  if (!value.includes('/') && existsSync(asRun)) return asRun;
  return isAbsolute(value) ? value : join(root, value);
}

/** The results.json a run wrote beside its manifest, if that manifest is a run's. */
export async function runResultsBeside(manifestFile: string): Promise<RunResults | undefined> {
  const file = join(dirname(manifestFile), 'results.json');
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as RunResults) : undefined;
}
