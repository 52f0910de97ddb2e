import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Manifest, pinsUnderTest } from '../core/manifest/manifest';
import { junitXml } from '../core/run/junit';
import type { RunResults } from '../core/run/results';
import { runId } from '../core/run/run-id';
import { utcTimestamp } from '../core/time';
import { summaryMarkdown } from '../core/run/summary';
import { namingFile } from '../fs/file-error';
import { runDir as runDirOf, runManifestFile, runsRoot, shownPath } from '../workspace/layout';

/** A run's verdict files: results.json, junit.xml and summary.md (also appended to $GITHUB_STEP_SUMMARY). */
export async function writeRunFiles(root: string, runDir: string, results: RunResults, manifest: Manifest): Promise<void> {
  const summary = summaryMarkdown(
    results,
    pinsUnderTest(manifest).map((p) => p.name),
    shownPath(root, runManifestFile(root, results.run_id)),
    manifest.kind === 'full' ? manifest.holds : undefined,
  );
  // A write that fails (a full disk) says which file.
  const write = (name: string, text: string) => writeFile(join(runDir, name), text).catch((e: unknown) => Promise.reject(namingFile(e, join(runDir, name))));
  await write('results.json', `${JSON.stringify(results, null, 2)}\n`);
  await write('junit.xml', junitXml(results));
  await write('summary.md', summary);
  if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, `${summary}\n`).catch(() => undefined);
}

/**
 * A new run directory `.seamline/runs/<kind>-<time>-<hash8>[-n]` with its logs/ folder.
 * Claimed with a non-recursive mkdir, so two runs of one manifest started in the same
 * second (shards of a plan on one machine) never share a directory.
 */
export async function newRunDir(root: string, kind: string, hash: string, started: Date): Promise<{ id: string; runDir: string }> {
  await mkdir(runsRoot(root), { recursive: true });
  for (let n = 1; ; n++) {
    const id = runId(kind, utcTimestamp(started), hash, n === 1 ? '' : `-${n}`);
    const runDir = runDirOf(root, id);
    try {
      await mkdir(runDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    await mkdir(join(runDir, 'logs'));
    return { id, runDir };
  }
}
