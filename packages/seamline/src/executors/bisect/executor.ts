import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { type ExecutorContext, logger } from '@nx/devkit';
import type { WorkspaceModel } from '../../core/config/workspace-model';
import { SeamlineError, unknownName } from '../../core/errors';
import { manifestTuple } from '../../core/manifest/manifest';
import { listOption } from '../../core/list-option';
import type { RunResults } from '../../core/run/results';
import { runsRoot } from '../../workspace/layout';
import { failedSeams } from '../../core/run/results';
import { bisectFailure } from '../../run/bisect-run';
import { componentEdges } from '../../run/coupling';
import { loadManifest, loadWorkspace } from '../../workspace/load-workspace';
import { lastKnownGoodTuple } from '../../workspace/open-store';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { BisectExecutorSchema } from './schema';

/** A run id names `.seamline/runs/<id>/manifest.yaml`; anything else is a manifest path. */
function manifestPath(root: string, value: string): string {
  const asRun = join(runsRoot(root), value, 'manifest.yaml');
  if (!value.includes('/') && existsSync(asRun)) return asRun;
  return isAbsolute(value) ? value : join(root, value);
}

async function runResultsBeside(manifestFile: string): Promise<RunResults | undefined> {
  const file = join(dirname(manifestFile), 'results.json');
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as RunResults) : undefined;
}

async function seamsToProbe(model: WorkspaceModel, option: BisectExecutorSchema['seams'], bad: RunResults | undefined): Promise<string[]> {
  const given = listOption(option);
  for (const seam of given) {
    if (!model.seams[seam]) throw new SeamlineError(`--seams: ${unknownName('seam', seam, Object.keys(model.seams))}`);
  }
  if (given.length) return given;
  const failed = bad ? failedSeams(bad) : [];
  if (!failed.length) throw new SeamlineError(`bisect: ${bad ? `run ${bad.run_id} has no failed seam to bisect (${bad.reason})` : 'no results.json beside the manifest'}; name the seams with --seams=a,b`);
  return failed;
}

export default async function bisectExecutor(options: BisectExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    const badFile = manifestPath(root, options.bad);
    const bad = await loadManifest(root, model, badFile);
    const seams = await seamsToProbe(model, options.seams, await runResultsBeside(badFile));
    const good = options.good ? manifestTuple(await loadManifest(root, model, manifestPath(root, options.good))) : await lastKnownGoodTuple(root, model);
    if (!good) throw new SeamlineError('bisect: the known-good store has no full-suite record to start from; pass --good=<passing run id or manifest>');
    const report = await bisectFailure({ root, model, bad, good, seams, graphEdges: componentEdges(context.projectGraph), parallel: options.parallel });
    const found = ['culprit', 'culprit-range', 'interaction'].includes(report.verdict.kind);
    (found ? logger.info : logger.warn)(`bisect ${found ? 'found' : 'stopped'}: ${report.line}; probes in ${report.file}`);
    return { success: found, verdict: report.verdict.kind };
  });
}
