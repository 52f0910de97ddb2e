import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { catalogProblems, renderCatalog } from '../../core/catalog';
import { catalogFile } from '../../workspace/catalog-file';
import { loadWorkspace } from '../../workspace/load-workspace';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { CatalogExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

/** `nx run integration:catalog [--check]`: INTEGRATION-TESTS.md from the seams and subsets. */
export default async function catalogExecutor(given: CatalogExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const model = await loadWorkspace(context.root);
    const problems = catalogProblems(model);
    if (problems.length) {
      problems.forEach((p) => logger.error(p));
      return { success: false };
    }
    const content = renderCatalog(model);
    const file = catalogFile(context.root, options.out);
    const current = await file.read();
    const counts = `${Object.keys(model.seams).length} seam(s), ${Object.keys(model.integration.subsets).length} subset(s)`;

    if (options.check) {
      if (current === content) {
        logger.info(`${file.shown}: up to date (${counts})`);
        return { success: true };
      }
      const what = current === undefined ? 'file not found' : 'differs from the seams and subsets it is generated from';
      logger.error(`${file.shown}: ${what}; run \`nx run integration:catalog${options.out ? ` --out=${options.out}` : ''}\` and commit it`);
      return { success: false };
    }
    if (current === content) {
      logger.info(`${file.shown}: unchanged (${counts})`);
      return { success: true };
    }
    await file.write(content);
    logger.info(`Wrote ${file.shown} (${counts})`);
    return { success: true };
  });
}
