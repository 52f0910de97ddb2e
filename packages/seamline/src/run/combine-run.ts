import { cp } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { logger } from '../terminal/logger';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError } from '../core/errors';
import { type Manifest, manifestHash, pinsUnderTest } from '../core/manifest/manifest';
import { serializeManifest } from '../core/manifest/manifest-yaml';
import type { RunResults } from '../core/run/results';
import { checkShardSet, combineResults, type ShardRun } from '../core/run/shard-set';
import { shortSha } from '../core/tuple';
import { writeFileAtomic } from '../fs/atomic-write';
import type { GitHubConnection } from '../github/connect';
import { runManifestFile, shownPath } from '../workspace/layout';
import { displayPath, loadManifest } from '../workspace/load-workspace';
import { lastKnownGoodTuple } from '../workspace/open-store';
import { findRunDirs, readRunResults } from '../workspace/run-artifacts';
import { writeReleasePlan } from './changeset-run';
import { afterFull } from './full-run';
import { postPrError, postPrVerdict } from './report-pr-status';
import { reportRun, type RunReport } from './report-run';
import { newRunDir, writeRunFiles } from './write-run-files';

export interface CombineRequest {
  root: string;
  model: WorkspaceModel;
  github: GitHubConnection | undefined;
  /** The shards' run directories, or folders holding them (downloaded artifacts). */
  runs: string[];
  /** The plan's folder: its manifest is what the shards must have run, and names the PR heads. */
  plan?: string;
  runUrl?: string;
  parallel?: number;
  graphEdges: [string, string][];
}

/**
 * Every shard of a plan as one run: checks that the shards are 1..n of one
 * manifest, writes one run directory (results.json, junit.xml, summary.md over
 * every seam, each shard's own run under shards/<i>/), then does what a whole run
 * does after its suite: a `full` pass is recorded and a failure bisected and
 * reported; a pr or changeset verdict goes to every PR head as one status.
 */
export async function runCombine(request: CombineRequest): Promise<RunReport & { bisect?: string }> {
  const { root, model } = request;
  const planned = request.plan === undefined ? undefined : await loadManifest(root, model, join(absolute(root, request.plan), 'manifest.yaml'));
  let verdictPosted = false;
  try {
    return await combine(request, planned, () => (verdictPosted = true));
  } catch (error) {
    // The plan posted pending on the PR heads; a combine that stops before its verdict must not leave them so.
    if (planned && planned.kind !== 'full' && !verdictPosted) await postPrError(request.github, prHeads(planned));
    throw error;
  }
}

const prHeads = (manifest: Manifest) => pinsUnderTest(manifest).map((p) => ({ component: p.name, sha: p.sha }));
const absolute = (root: string, path: string) => (isAbsolute(path) ? path : join(root, path));

async function combine(request: CombineRequest, planned: Manifest | undefined, posted: () => void): Promise<RunReport & { bisect?: string }> {
  const { root, model } = request;
  if (!request.runs.length) throw new SeamlineError("--runs: name the shards' run directories (or a folder holding them); nothing combined");
  const dirs = await findRunDirs(root, request.runs);
  const found: (ShardRun & { dir: string; manifest: Manifest })[] = [];
  for (const dir of dirs) {
    const manifestFile = join(dir, 'manifest.yaml');
    const manifest = await loadManifest(root, model, manifestFile);
    const { results, resultsFile } = await readRunResults(root, manifestFile, 'nothing combined');
    found.push({ dir, manifest, file: resultsFile, results: results as RunResults, manifestSha256: manifestHash(manifest) });
  }
  const set = checkShardSet(found);
  if (planned && manifestHash(planned) !== set.manifestSha256)
    throw new SeamlineError(
      `--plan: the shards ran manifest ${shortSha(set.manifestSha256)}, not the plan's ${shortSha(manifestHash(planned))} (${displayPath(root, absolute(root, request.plan!))}); nothing combined`,
    );
  const shards = set.shards as typeof found;
  const { manifest } = shards[0];
  const { id, runDir } = await newRunDir(root, manifest.kind, set.manifestSha256, new Date());
  await writeFileAtomic(runManifestFile(root, id), serializeManifest(manifest));
  // Each shard's own run goes along (logs, overrides, results), so every log a seam names is in this one directory.
  for (const [i, shard] of shards.entries()) await cp(shard.dir, join(runDir, 'shards', String(i + 1)), { recursive: true });
  const results = combineResults(shards, id, (seam, i) => shownPath(root, join(runDir, 'shards', String(i), 'logs', basename(seam.log))));
  await writeRunFiles(root, runDir, results, manifest);
  logger.info(
    `Combined ${set.count} shard(s) of manifest ${shortSha(set.manifestSha256)} (${shards.map((s) => displayPath(root, s.dir)).join(', ')}) into ${shownPath(root, runDir)}`,
  );
  const outcome = { results, runDir };
  if (manifest.kind === 'full') {
    const knownGood = await lastKnownGoodTuple(root, model);
    return afterFull({ ...request, pinned: [] }, manifest, knownGood, outcome, 'full');
  }
  await postPrVerdict(request.github, prHeads(manifest), outcome);
  posted();
  if (manifest.kind === 'changeset' && results.verdict === 'pass') {
    // As a whole changeset run does; a hand-written manifest without PR numbers has no PRs to order.
    const pulls = manifest.components_under_test.flatMap((p) => (p.pr ? [{ component: p.name, pr: p.pr, sha: p.sha }] : []));
    if (pulls.length === manifest.components_under_test.length) await writeReleasePlan(root, model, pulls, runDir);
  }
  return reportRun(root, manifest.kind === 'pr' ? 'pr-fast' : `changeset ${manifest.changeset}`, outcome);
}
