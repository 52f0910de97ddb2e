import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { logger } from '../terminal/logger';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError } from '../core/errors';
import { type Manifest, type ManifestKind, manifestHash, pinsUnderTest } from '../core/manifest/manifest';
import { balanceShards, lastDurations, type ShardPlan } from '../core/run/balance-shards';
import { couplingFromModel, selectSeams, type Shard } from '../core/run/select-seams';
import { nameList } from '../core/name-list';
import { shortSha } from '../core/tuple';
import { displayPath, loadManifest } from '../workspace/load-workspace';
import { earlierRunResults } from '../workspace/run-artifacts';
import { writeManifest } from '../workspace/write-manifest';
import { reportRun, type RunReport } from './report-run';
import { runSuite } from './run-suite';

/** `--plan=<dir> --shards=<n>`: where a plan goes and how many shards run it. */
export interface PlanOptions {
  plan?: string;
  shards?: number;
  /** A shard of a plan: the plan's manifest.yaml. */
  manifest?: string;
}

export const PLAN_SHARDS_FILE = 'shards.json';

/** Refuse option mixes that mean nothing, before anything is resolved or fetched. */
export function checkPlanOptions(options: PlanOptions & { shard?: string }, others: Record<string, unknown> = {}): void {
  const given = (name: string) => `--${name}`;
  if (options.plan !== undefined && options.manifest !== undefined)
    throw new SeamlineError('--plan and --manifest: a plan writes the manifest, a shard runs it; give one of them');
  if (options.plan !== undefined && options.shard !== undefined)
    throw new SeamlineError('--plan and --shard: the plan runs no seam; run each shard with --manifest=<plan>/manifest.yaml --shard=i/n');
  if (options.shards !== undefined && options.plan === undefined)
    throw new SeamlineError('--shards: only with --plan=<dir> (how many shards the plan splits the seams into)');
  if (options.shards !== undefined && !(Number.isInteger(options.shards) && options.shards >= 1))
    throw new SeamlineError(`--shards: expected a whole number of shards, 1 or more, got ${JSON.stringify(options.shards)}`);
  if (options.manifest !== undefined) {
    for (const [name, value] of Object.entries(others))
      if (value !== undefined) throw new SeamlineError(`${given(name)} and --manifest: a shard runs the plan's manifest as it is; leave out ${given(name)}`);
  }
}

/**
 * The plan of a sharded run: the manifest (resolved once, so every shard tests the
 * same tuple even when a merge lands meanwhile) and shards.json, the seams of each
 * shard, balanced by the seams' last known durations under .seamline/runs when
 * there are any, else by count. Runs no seam.
 */
export async function writePlan(input: {
  root: string;
  model: WorkspaceModel;
  manifest: Manifest;
  dir: string;
  shards: number;
  moved?: readonly string[];
  graphEdges?: [string, string][];
}): Promise<RunReport & { manifest: string; plan: ShardPlan }> {
  const { root, model, manifest } = input;
  const dir = isAbsolute(input.dir) ? input.dir : join(root, input.dir);
  const file = await writeManifest(root, manifest, join(dir, 'manifest.yaml'));
  const hash = manifestHash(manifest);
  const { selected } = selectSeams(model, manifest.subset, couplingFromModel(model, input.graphEdges), input.moved);
  const { timed, ...plan } = balanceShards(hash, selected, input.shards, lastDurations(await earlierRunResults(root)));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, PLAN_SHARDS_FILE), `${JSON.stringify(plan, null, 2)}\n`);
  logger.info(
    `Plan ${displayPath(root, dir)}: ${manifest.kind} manifest ${shortSha(hash)}, subset ${manifest.subset}, ${selected.length} seam(s) in ${input.shards} shard(s)`,
  );
  logger.info(
    plan.by === 'duration'
      ? `Shards balanced by last known durations (${timed} of ${selected.length} seam(s) timed in earlier runs under .seamline/runs; the others count as their mean)`
      : `Shards balanced by count: no earlier run under .seamline/runs timed these seams`,
  );
  plan.shards.forEach((seams, i) =>
    logger.info(`  shard ${i + 1}/${plan.count}: ${nameList(seams) || '(no seam)'}${plan.estimate_s ? ` (about ${plan.estimate_s[i]}s)` : ''}`),
  );
  logger.info(
    `Run each shard with --manifest=${displayPath(root, file)} --shard=i/${plan.count}, then nx run integration:combine --runs=<their run directories>`,
  );
  return { success: true, runDir: dir, verdict: 'pass', manifest: file, plan };
}

/**
 * One shard of a plan: the plan's manifest, this shard's seams from shards.json
 * beside it (round-robin when there is none), and nothing reported to GitHub or
 * recorded: combine does that once for all shards.
 */
export async function runPlannedShard(input: {
  root: string;
  model: WorkspaceModel;
  manifestFile: string;
  shard?: Shard;
  kinds: readonly ManifestKind[];
  label: string;
  parallel?: number;
  graphEdges?: [string, string][];
}): Promise<RunReport> {
  const { root, model } = input;
  const path = isAbsolute(input.manifestFile) ? input.manifestFile : join(root, input.manifestFile);
  const shown = displayPath(root, path);
  const manifest = await loadManifest(root, model, path);
  if (!input.kinds.includes(manifest.kind))
    throw new SeamlineError(`--manifest: ${shown} is a ${manifest.kind} manifest; ${input.label} runs ${input.kinds.join(' or ')} manifests`);
  const shard = await plannedShard(root, path, manifestHash(manifest), input.shard ?? { index: 1, count: 1 });
  const moved = manifest.kind === 'full' ? undefined : pinsUnderTest(manifest).map((p) => p.name);
  logger.info(`Shard ${shard.index}/${shard.count} of the plan ${shown}: reports nothing to GitHub and records nothing; nx run integration:combine does, once`);
  const outcome = await runSuite({ root, model, manifest, graphEdges: input.graphEdges, moved, shard, parallel: input.parallel });
  return reportRun(root, `${input.label} shard ${shard.index}/${shard.count}`, outcome);
}

/** This shard's seams from the plan's shards.json, which must be of this manifest and shard count. */
async function plannedShard(root: string, manifestFile: string, hash: string, shard: Shard): Promise<Shard> {
  const file = join(dirname(manifestFile), PLAN_SHARDS_FILE);
  if (!existsSync(file)) return shard;
  const shown = displayPath(root, file);
  let plan: Partial<ShardPlan>;
  try {
    plan = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new SeamlineError(`${shown}: not valid JSON; write the plan again (--plan=<dir>)`, shown);
  }
  if (plan.manifest_sha256 !== hash)
    throw new SeamlineError(
      `${shown}: the plan of manifest ${shortSha(String(plan.manifest_sha256))}, not of ${shortSha(hash)} beside it; write the plan again`,
      shown,
    );
  if (plan.count !== shard.count || !Array.isArray(plan.shards) || plan.shards.length !== plan.count)
    throw new SeamlineError(`${shown}: planned for ${plan.count} shard(s), but --shard=${shard.index}/${shard.count}; run --shard=i/${plan.count}`, shown);
  return { ...shard, seams: plan.shards[shard.index - 1] };
}
