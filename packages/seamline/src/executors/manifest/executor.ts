import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { refuseUnknownSubsetOption, seamsOfSubset } from '../../core/config/workspace-model';
import { listOption } from '../../core/list-option';
import { manifestHash } from '../../core/manifest/manifest';
import { describeManifest, manifestOfKind } from '../../core/manifest/manifest-of-kind';
import { parsePinSpec, pinSpecsToTuple } from '../../core/pin-spec';
import { timestampOption } from '../../core/time';
import { shortSha } from '../../core/tuple';
import { displayPath, loadWorkspace } from '../../workspace/load-workspace';
import { lastKnownGoodTuple } from '../../workspace/open-store';
import { writeManifest } from '../../workspace/write-manifest';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { ManifestExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function manifestExecutor(given: ManifestExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    refuseUnknownSubsetOption(model.integration.subsets, options.subset);
    const subset = options.subset ?? (options.kind === 'full' ? 'full' : 'pr_fast');
    seamsOfSubset(model, subset); // refuses an unknown subset before anything is written
    const manifest = manifestOfKind(options, {
      components: model.components,
      knownGood: options.kind === 'full' ? undefined : await lastKnownGoodTuple(root, model),
      mains: pinSpecsToTuple(
        listOption(options.main).map((m) => parsePinSpec(m, 'main')),
        'main',
      ),
      subset,
      timestamp: timestampOption(options.timestamp),
    });
    const hash = manifestHash(manifest);
    const path = await writeManifest(root, manifest, options.out);
    logger.info(`Wrote ${manifest.kind} manifest ${displayPath(root, path)} (manifest hash ${shortSha(hash)}, subset ${subset})`);
    for (const line of describeManifest(manifest)) logger.info(line);
    return { success: true, manifest: path, hash };
  });
}
