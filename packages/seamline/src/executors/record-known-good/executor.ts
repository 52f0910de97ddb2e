import type { ExecutorContext } from '@nx/devkit';
import { ciRunUrl } from '../../core/ci-run-url';
import { SeamlineError } from '../../core/errors';
import { manifestHash, manifestTuple } from '../../core/manifest/manifest';
import { recordKnownGood } from '../../run/record-known-good';
import { loadManifest, loadWorkspace } from '../../workspace/load-workspace';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { RecordKnownGoodExecutorSchema } from './schema';

export default async function recordKnownGoodExecutor(options: RecordKnownGoodExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    if (options.verdict !== 'pass') {
      throw new SeamlineError(`--verdict=${options.verdict}: only a passing run is recorded as known good; nothing was written`);
    }
    if (!(typeof options.duration === 'number' && Number.isFinite(options.duration) && options.duration >= 0)) {
      throw new SeamlineError(`--duration: expected the suite's duration in seconds, got ${JSON.stringify(options.duration)}`);
    }
    const model = await loadWorkspace(context.root);
    const manifest = await loadManifest(context.root, model, options.manifest);
    const { line, head } = await recordKnownGood(context.root, model, {
      tuple: manifestTuple(manifest),
      manifestSha256: manifestHash(manifest),
      suite: options.suite ?? manifest.subset,
      durationS: options.duration,
      run: options.run ?? ciRunUrl(process.env),
    });
    return { success: true, line, head };
  });
}
