import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { SeamlineError } from '../../core/errors';
import { buildPrManifest } from '../../core/manifest/build-manifest';
import { utcTimestamp } from '../../core/pin-spec';
import { componentForRepo, parsePayload } from '../../core/run/payload';
import { parseShard } from '../../core/run/select-seams';
import { componentEdges } from '../../run/coupling';
import { reportRun } from '../../run/report-run';
import { runSuite } from '../../run/run-suite';
import { displayPath, loadWorkspace } from '../../workspace/load-workspace';
import { baselineFor } from '../../workspace/resolve-mains';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { PrFastExecutorSchema } from './schema';

export default async function prFastExecutor(options: PrFastExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    let { component, sha, pr } = options;
    if (options.payload) {
      const path = isAbsolute(options.payload) ? options.payload : join(root, options.payload);
      const payload = parsePayload(await readFile(path, 'utf8'), displayPath(root, path));
      component = componentForRepo(payload.repo, model.components, displayPath(root, path));
      ({ sha, pr } = payload);
    }
    if (!component || !sha) throw new SeamlineError('pr-fast: expected --component=<name> and --sha=<40-hex PR head SHA>, or --payload=<file>');
    const manifest = buildPrManifest(
      { components: model.components, ...(await baselineFor(root, model, [component])), subset: options.subset ?? 'pr_fast', timestamp: utcTimestamp(new Date()) },
      { component, sha, pr },
    );
    const outcome = await runSuite({
      root,
      model,
      manifest,
      graphEdges: componentEdges(context.projectGraph),
      moved: [component],
      shard: options.shard ? parseShard(options.shard) : undefined,
      parallel: options.parallel,
    });
    return reportRun(root, 'pr-fast', outcome);
  });
}
