import { type ExecutorContext, logger } from '@nx/devkit';
import { ciRunUrl } from '../../core/ci-run-url';
import { SeamlineError } from '../../core/errors';
import { manifestHash, manifestTuple } from '../../core/manifest/manifest';
import { utcTimestamp } from '../../core/time';
import { shortSha } from '../../core/tuple';
import { loadManifest, loadWorkspace } from '../../workspace/load-workspace';
import { openStore } from '../../workspace/open-store';
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
    const store = openStore(context.root, model);
    const { line, hash } = await store.append({
      timestamp: utcTimestamp(new Date()),
      tuple: manifestTuple(manifest),
      manifest_sha256: manifestHash(manifest),
      suite: options.suite ?? manifest.subset,
      duration_s: options.duration,
      run: options.run ?? ciRunUrl(process.env),
    });
    logger.info(`Recorded known good: ${store.displayPath} line ${line} (suite ${options.suite ?? manifest.subset}, manifest ${shortSha(manifestHash(manifest))}, head ${shortSha(hash)})`);
    return { success: true, line, head: hash };
  });
}
