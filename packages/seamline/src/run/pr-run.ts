import type { WorkspaceModel } from '../core/config/workspace-model';
import type { Manifest } from '../core/manifest/manifest';
import { parseShard } from '../core/run/select-seams';
import type { GitHubConnection } from '../github/connect';
import { type PlanOptions, writePlan } from './plan-run';
import { postPrPending, type PrHead, withPrStatus } from './report-pr-status';
import { reportRun, type RunReport } from './report-run';
import { runSuite } from './run-suite';

/** A pr or changeset run once its manifest is built: what it tests and whose heads hear of it. */
export interface PrRun {
  manifest: Manifest;
  heads: PrHead[];
  /** The components under test: the run narrows the subset to the seams they reach. */
  moved: string[];
  /** For the pending status: `auth#17 with the last known good`. */
  what: string;
  /** For the last lines of the log: `pr-fast`, `changeset <name>`. */
  label: string;
  /** After a whole (unsharded) run passed, before it is reported: the changeset's release plan. */
  onPass?: (runDir: string) => Promise<void>;
}

/**
 * Run it with its statuses (pending, then the verdict on every PR head); or, with
 * --plan, post pending and write the plan for the shards to run (combine posts the
 * verdict).
 */
export async function runOrPlanPr(
  root: string,
  model: WorkspaceModel,
  github: GitHubConnection | undefined,
  run: PrRun,
  request: PlanOptions & { shard?: string; parallel?: number; graphEdges: [string, string][] },
): Promise<RunReport> {
  const { manifest, heads, moved } = run;
  if (request.plan !== undefined) {
    await postPrPending(github, heads, run.what);
    return writePlan({ root, model, manifest, dir: request.plan, shards: request.shards ?? 1, moved, graphEdges: request.graphEdges });
  }
  const shard = request.shard ? parseShard(request.shard) : undefined;
  const outcome = await withPrStatus(
    github,
    heads,
    run.what,
    () => runSuite({ root, model, manifest, graphEdges: request.graphEdges, moved, shard, parallel: request.parallel }),
    request.shard,
  );
  if (outcome.results.verdict === 'pass' && !request.shard) await run.onPass?.(outcome.runDir);
  return reportRun(root, run.label, outcome);
}
