import { stripVTControlCharacters } from 'node:util';
import { readdir, readFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { SeamlineError } from '../core/errors';
import { verifyChain } from '../core/known-good/chain';
import type { KnownGoodRecord } from '../core/known-good/record';
import type { WorkspaceModel } from '../core/config/workspace-model';
import type { BisectRecord, CommitIndex, RunInput } from '../core/report-site/report-input';
import type { RunResults } from '../core/run/results';
import { failedSeams } from '../core/run/results';
import { commitFacts } from '../git/commit-facts';
import { readBoundedFile } from '../fs/read-bounded';
import { pinCacheDir } from './layout';
import { displayPath } from './load-workspace';
import { openStore } from './open-store';

/** How much of a failed seam's log the report shows: its last lines, where the error usually is. */
export const LOG_EXCERPT_LINES = 40;
const MAX_LOG_BYTES = 8 * 1024 * 1024;
/** How deep under a --runs folder run directories are looked for (an artifact download nests them). */
const MAX_DEPTH = 3;

/** The store's records and head; a broken chain is one line naming the store and its line. */
export async function readStoreForReport(root: string, model: WorkspaceModel): Promise<{ records: KnownGoodRecord[]; head: string | null; shown: string }> {
  const store = openStore(root, model);
  const chain = verifyChain(await store.readText());
  if (!chain.ok) throw new SeamlineError(`${store.displayPath}: ${chain.problem}; run \`nx run integration:known-good --verify\``, store.displayPath);
  return { records: chain.records, head: chain.head, shown: store.displayPath };
}

/** The last `lines` lines of a text. */
export function tail(text: string, lines = LOG_EXCERPT_LINES): string {
  const all = text.replace(/\s+$/, '').split('\n');
  return (all.length > lines ? [`… ${all.length - lines} earlier line(s)`, ...all.slice(-lines)] : all).join('\n');
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const isRunResults = (x: unknown): x is RunResults =>
  typeof x === 'object' && x !== null && Array.isArray((x as RunResults).seams) && typeof (x as RunResults).verdict === 'string';
const isBisect = (x: unknown): x is BisectRecord =>
  typeof x === 'object' && x !== null && Array.isArray((x as BisectRecord).probes) && typeof (x as BisectRecord).line === 'string';

/** One run directory: its results.json and bisect.json (unreadable ones are left out) and the end of each failed seam's log. */
export async function readRunDir(dir: string): Promise<RunInput | undefined> {
  const [results, bisect] = await Promise.all([readJson(join(dir, 'results.json')), readJson(join(dir, 'bisect.json'))]);
  if (!isRunResults(results) && !isBisect(bisect)) return undefined;
  const run: RunInput = { id: basename(dir), logs: {} };
  if (isRunResults(results)) {
    run.results = results;
    const logged = [...failedSeams(results), ...(results.prepare_failure ? [`prepare-${results.prepare_failure.component}`] : [])];
    for (const name of logged) {
      const text = readBoundedFile(join(dir, 'logs', `${name}.log`), MAX_LOG_BYTES);
      // Logs written before colour was stripped from them (and prepare logs, as tools wrote them) still hold escape codes.
      if (text !== undefined) run.logs[name] = tail(stripVTControlCharacters(text));
    }
  }
  if (isBisect(bisect)) run.bisect = bisect;
  return run;
}

/** The run directories under each folder given (a run directory itself, `.seamline/runs`, or a downloaded CI artifact). */
export async function findRunDirs(root: string, folders: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && (e.name === 'results.json' || e.name === 'bisect.json'))) {
      found.push(dir);
      return;
    }
    if (depth >= MAX_DEPTH) return;
    for (const e of entries) if (e.isDirectory() && !['logs', 'overrides', 'node_modules'].includes(e.name)) await walk(join(dir, e.name), depth + 1);
  };
  for (const folder of folders) {
    const dir = isAbsolute(folder) ? folder : join(root, folder);
    const before = found.length;
    await walk(dir, 0);
    if (found.length === before && folder !== '.seamline/runs')
      throw new SeamlineError(
        `--runs: ${displayPath(root, dir)} holds no run directory (a folder with results.json or bisect.json); pass .seamline/runs or a downloaded artifact`,
      );
  }
  return [...new Set(found)];
}

/** Every run directory read, a few at a time. */
export async function readRuns(dirs: readonly string[]): Promise<RunInput[]> {
  const runs: RunInput[] = [];
  for (let i = 0; i < dirs.length; i += 16) {
    const batch = await Promise.all(dirs.slice(i, i + 16).map(readRunDir));
    for (const r of batch) if (r) runs.push(r);
  }
  return runs;
}

/** Subjects and dates of every pinned SHA the pin caches hold, one git process per component. */
export async function readCommitIndex(root: string, tuples: readonly Record<string, string>[]): Promise<CommitIndex> {
  const wanted = new Map<string, Set<string>>();
  for (const tuple of tuples) for (const [c, sha] of Object.entries(tuple)) (wanted.get(c) ?? wanted.set(c, new Set()).get(c)!).add(sha);
  const index: CommitIndex = {};
  for (const [component, shas] of wanted) index[component] = await commitFacts(pinCacheDir(root, component), [...shas]);
  return index;
}
