import { type ExecutorContext, logger } from '@nx/devkit';
import { ciRunUrl } from '../../core/ci-run-url';
import { buildFullManifest } from '../../core/manifest/build-manifest';
import { listOption, parsePinSpec, pinSpecsToTuple, utcTimestamp } from '../../core/pin-spec';
import { parseShard } from '../../core/run/select-seams';
import { shortSha } from '../../core/tuple';
import { componentEdges } from '../../run/coupling';
import { reportRun } from '../../run/report-run';
import { runSuite } from '../../run/run-suite';
import { loadWorkspace } from '../../workspace/load-workspace';
import { openStore } from '../../workspace/open-store';
import { resolveMains } from '../../workspace/resolve-mains';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { FullExecutorSchema } from './schema';

export default async function fullExecutor(options: FullExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    const given = pinSpecsToTuple(listOption(options.main).map((m) => parsePinSpec(m, 'main')), 'main');
    const heads = await resolveMains(model, Object.keys(model.components).filter((c) => !given[c]));
    const subset = options.subset ?? 'full';
    const manifest = buildFullManifest({ components: model.components, mains: { ...heads, ...given }, subset, timestamp: utcTimestamp(new Date()) });
    const shard = options.shard ? parseShard(options.shard) : undefined;
    const outcome = await runSuite({ root, model, manifest, graphEdges: componentEdges(context.projectGraph), shard, parallel: options.parallel });
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
        run: options.run ?? ciRunUrl(process.env),
      });
      logger.info(`Recorded known good: ${store.displayPath} line ${line} (head ${shortSha(hash)})`);
    }
    return report;
  });
}
