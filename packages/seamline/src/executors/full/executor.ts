import { type ExecutorContext, logger } from '@nx/devkit';
import { ciRunUrl } from '../../core/ci-run-url';
import { buildFullManifest } from '../../core/manifest/build-manifest';
import { parsePinSpec, pinSpecsToTuple } from '../../core/pin-spec';
import { listOption } from '../../core/list-option';
import { utcTimestamp } from '../../core/time';
import { parseShard } from '../../core/run/select-seams';
import { shortSha } from '../../core/tuple';
import { connectGitHub } from '../../github/connect';
import { appendSummary } from '../../run/append-summary';
import { failedSeams } from '../../core/run/results';
import { bisectFailure } from '../../run/bisect-run';
import { componentEdges } from '../../run/coupling';
import { reportFullToGitHub } from '../../run/report-full-issue';
import { reportRun } from '../../run/report-run';
import { runSuite } from '../../run/run-suite';
import { loadWorkspace } from '../../workspace/load-workspace';
import { lastKnownGoodTuple, openStore } from '../../workspace/open-store';
import { resolveMains } from '../../workspace/resolve-mains';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { FullExecutorSchema } from './schema';

export default async function fullExecutor(options: FullExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    const github = await connectGitHub(model);
    const given = pinSpecsToTuple(listOption(options.main).map((m) => parsePinSpec(m, 'main')), 'main');
    const heads = await resolveMains(model, Object.keys(model.components).filter((c) => !given[c]));
    const subset = options.subset ?? 'full';
    const manifest = buildFullManifest({ components: model.components, mains: { ...heads, ...given }, subset, timestamp: utcTimestamp(new Date()) });
    const shard = options.shard ? parseShard(options.shard) : undefined;
    const graphEdges = componentEdges(context.projectGraph);
    const runUrl = options.run ?? ciRunUrl(process.env) ?? undefined;
    const knownGood = await lastKnownGoodTuple(root, model);
    const outcome = await runSuite({ root, model, manifest, graphEdges, shard, parallel: options.parallel });
    const report = reportRun(root, 'full', outcome);
    if (outcome.results.verdict === 'pass' && !shard) {
      const store = openStore(root, model);
      const started = Date.parse(outcome.results.started);
      const { line, hash } = await store.append({
        timestamp: utcTimestamp(new Date()),
        tuple: outcome.results.tuple,
        manifest_sha256: outcome.results.manifest_sha256,
        suite: subset,
        duration_s: Math.round((Date.now() - started) / 1000),
        run: runUrl ?? null,
      });
      logger.info(`Recorded known good: ${store.displayPath} line ${line} (head ${shortSha(hash)})`);
    }
    let bisect: string | undefined;
    const failed = failedSeams(outcome.results);
    if (outcome.results.verdict === 'fail' && model.integration.bisect === 'auto' && !shard) {
      if (!knownGood) logger.warn('bisect: auto, but the known-good store has no full-suite record to start from; not bisecting');
      else if (!failed.length) logger.warn(`bisect: auto, but no seam failed (${outcome.results.reason}); not bisecting`);
      else {
        // A bisect that cannot run (history unreachable) must not hide the failure it was bisecting.
        const found = await bisectFailure({ root, model, bad: manifest, good: knownGood, seams: failed, graphEdges, parallel: options.parallel }).catch((e: Error) => ({ line: `could not bisect: ${e.message}`, file: undefined }));
        bisect = found.line;
        logger.info(`bisect: ${found.line}${found.file ? `; probes in ${found.file}` : ''}`);
        await appendSummary(outcome.runDir, `### Bisect\n\n${found.line}${found.file ? `\n\nProbes: \`${found.file}\`` : ''}`);
      }
    }
    await reportFullToGitHub(root, github, outcome, { knownGood, bisect, runUrl });
    return { ...report, ...(bisect ? { bisect } : {}) };
  });
}
