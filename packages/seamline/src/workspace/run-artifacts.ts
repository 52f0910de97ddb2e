import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { SeamlineError } from '../core/errors';
import type { RunResults } from '../core/run/results';
import type { WorkspaceModel } from '../core/config/workspace-model';
import type { Manifest } from '../core/manifest/manifest';
import { displayPath, loadManifest } from './load-workspace';
import { runManifestFile, runsRoot } from './layout';
import { compareText } from '../core/compare-text';

/**
 * The manifest.yaml a user names: a run id (`.seamline/runs/<id>/manifest.yaml`), a run's
 * folder (as a run's last line names it: `artifacts in .seamline/runs/<id>`), or the file itself.
 */
export function manifestPath(root: string, value: string): string {
  const asRun = runManifestFile(root, value);
  if (!value.includes('/') && existsSync(asRun)) return asRun;
  const path = isAbsolute(value) ? value : join(root, value);
  const inFolder = join(path, 'manifest.yaml');
  return existsSync(inFolder) ? inFolder : path;
}

/** The manifest a user names (manifestPath), loaded, and its file; one that is not there says what else to pass. */
export async function loadNamedManifest(root: string, model: WorkspaceModel, value: string): Promise<{ manifest: Manifest; file: string }> {
  const file = manifestPath(root, value);
  return { manifest: await loadManifest(root, model, file, 'pass a run id (a folder of .seamline/runs), its folder or a manifest.yaml'), file };
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

/**
 * The run directories (a folder holding manifest.yaml and results.json) that each
 * given path is or holds, up to three levels down (`shards/<artifact>/<run id>/`, as
 * downloaded artifacts lay them out). A path that does not exist is one line.
 */
export async function findRunDirs(root: string, paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    if (existsSync(join(dir, 'results.json')) && existsSync(join(dir, 'manifest.yaml'))) {
      found.push(dir);
      return;
    }
    if (depth === 0) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => compareText(a.name, b.name))) if (entry.isDirectory()) await visit(join(dir, entry.name), depth - 1);
  };
  for (const path of paths) {
    const dir = isAbsolute(path) ? path : join(root, path);
    if (!existsSync(dir))
      throw new SeamlineError(`--runs: ${displayPath(root, dir)} does not exist; pass the shards' run directories (or a folder holding them)`);
    await visit(dir, 3);
  }
  return [...new Set(found)];
}

/** The results.json of every earlier run under .seamline/runs that can be read (the others are skipped). */
export async function earlierRunResults(root: string): Promise<RunResults[]> {
  const dirs = await readdir(runsRoot(root)).catch(() => [] as string[]);
  const results = await Promise.all(
    dirs.map((id) =>
      readFile(join(runsRoot(root), id, 'results.json'), 'utf8')
        .then((text) => JSON.parse(text) as RunResults)
        .catch(() => undefined),
    ),
  );
  return results.filter((r): r is RunResults => !!r && Array.isArray(r.seams));
}
