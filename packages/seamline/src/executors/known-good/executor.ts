import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { type KnownGoodAction, knownGoodAction } from '../../core/known-good/action';
import { type KnownGoodOutput, outputsJson } from '../../core/known-good/format';
import { FULL_SUITE } from '../../core/known-good/queries';
import {
  badgeOf,
  canReleasePin,
  writeJson,
  type KnownGoodContext,
  pruneStore,
  showDiff,
  showLatest,
  showSummary,
  verifyStore,
} from '../../workspace/known-good-actions';
import { loadWorkspace } from '../../workspace/load-workspace';
import { openStore } from '../../workspace/open-store';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { KnownGoodExecutorSchema } from './schema';
import { asTyped, type AsText, taskCommandLine } from '../../cli/text-options';

export default async function knownGoodExecutor(given: KnownGoodExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const action = knownGoodAction(options);
    const model = await loadWorkspace(context.root);
    const ctx: KnownGoodContext = { root: context.root, model, store: openStore(context.root, model), suite: options.suite ?? FULL_SUITE };
    if (action === 'can-release') {
      const answer = await canReleasePin(ctx, options.canRelease!);
      if (typeof options.json === 'string') await writeJson(context.root, options.json, answer);
      // With --json the answer is printed pass or not; a refusal is also its one error line.
      if (options.json === true) logger.info(JSON.stringify(answer, null, 2));
      if (!answer.canRelease) logger.error(answer.message);
      else if (options.json !== true) logger.info(answer.message);
      return { success: answer.canRelease, canRelease: answer.canRelease };
    }
    const outputs = await PERFORM[action](ctx, options);
    show(outputs, options.json === true);
    // --json=FILE: what --json prints, in a file a script can read (on stdout, Nx frames it with its own lines).
    if (typeof options.json === 'string') await writeJson(context.root, options.json, outputsJson(outputs));
    return { success: true };
  });
}

/** One function per action (can-release, which can fail without an error, is above). */
const PERFORM: Record<
  Exclude<KnownGoodAction, 'can-release'>,
  (ctx: KnownGoodContext, options: AsText<KnownGoodExecutorSchema>) => Promise<KnownGoodOutput[]>
> = {
  summary: (ctx, options) => showSummary(ctx, options.head),
  verify: async (ctx, options) => [await verifyStore(ctx, options.head)],
  latest: async (ctx) => [await showLatest(ctx)],
  diff: async (ctx, options) => [await showDiff(ctx, options.diff!)],
  badge: async (ctx, options) => [await badgeOf(ctx, options.badge as string | true)],
  prune: async (ctx, options) => [await pruneStore(ctx, options.keep)],
};

/** Each output as its lines, or with --json as the JSON it has. */
function show(outputs: KnownGoodOutput[], json: boolean | undefined): void {
  for (const { lines, json: data } of outputs) {
    if (json && data !== undefined) logger.info(JSON.stringify(data, null, 2));
    else lines.forEach((l) => logger.info(l));
  }
}
