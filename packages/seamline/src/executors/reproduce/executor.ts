import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { SeamlineError } from '../../core/errors';
import { seamsOfSubset } from '../../core/config/workspace-model';
import { findRecord } from '../../core/known-good/queries';
import { type Manifest, pinsUnderTest } from '../../core/manifest/manifest';
import { manifestOfRecord } from '../../core/manifest/manifest-of-record';
import { recordHint } from '../../core/run/record-hint';
import { utcTimestamp } from '../../core/time';
import { componentEdges } from '../../run/coupling';
import { reportRun } from '../../run/report-run';
import { runSuite } from '../../run/run-suite';
import { loadWorkspace } from '../../workspace/load-workspace';
import { openStore } from '../../workspace/open-store';
import { loadNamedManifest } from '../../workspace/run-artifacts';
import { type ExecutorResult, runExecutor, seamsAtOnce } from '../run-executor';
import type { ReproduceExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function reproduceExecutor(given: ReproduceExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const root = context.root;
    if (options.manifest !== undefined && options.record !== undefined)
      throw new SeamlineError('reproduce: give --manifest or --record, not both (a run to reproduce, or a known-good record)');
    const model = await loadWorkspace(root);
    let manifest: Manifest;
    if (options.manifest) {
      ({ manifest } = await loadNamedManifest(root, model, options.manifest));
    } else if (options.record) {
      const store = openStore(root, model);
      const record = findRecord(await store.records(), options.record);
      if (!record)
        throw new SeamlineError(
          `--record: no known-good record matches ${JSON.stringify(options.record)} in ${store.displayPath} (use latest, latest~N or a manifest-hash prefix)`,
        );
      manifest = manifestOfRecord(record, model.components, utcTimestamp(new Date()));
    } else {
      throw new SeamlineError('reproduce: expected --manifest=<file> or --record=<latest|latest~N|hash prefix>');
    }
    // A subset renamed or removed since is refused before anything is fetched.
    seamsOfSubset(model, manifest.subset);
    const under = pinsUnderTest(manifest).map((p) => p.name);
    const outcome = await runSuite({
      root,
      model,
      manifest,
      graphEdges: componentEdges(context.projectGraph),
      moved: manifest.kind === 'full' ? undefined : under,
      parallel: seamsAtOnce(options),
    });
    const report = reportRun(root, 'reproduce', outcome);
    // A known-good record's tuple is recorded already: no hint to record it again.
    const hint = options.record === undefined ? recordHint(outcome.results) : undefined;
    if (hint) logger.info(hint);
    return report;
  });
}
