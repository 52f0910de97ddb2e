import { mkdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { type ExecutorContext, logger } from '@nx/devkit';
import { CATALOG_FILE, catalogProblems, renderCatalog } from '../../core/catalog';
import { writeFileAtomic } from '../../fs/atomic-write';
import { displayPath, loadWorkspace } from '../../workspace/load-workspace';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { CatalogExecutorSchema } from './schema';

/** `nx run integration:catalog [--check]`: INTEGRATION-TESTS.md from the seams and subsets. */
export default async function catalogExecutor(options: CatalogExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    const problems = catalogProblems(model);
    if (problems.length) {
      problems.forEach((p) => logger.error(p));
      return { success: false };
    }
    const content = renderCatalog(model);
    const out = options.out ?? CATALOG_FILE;
    const path = isAbsolute(out) ? out : join(root, out);
    const shown = displayPath(root, path);
    const current = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    const counts = `${Object.keys(model.seams).length} seam(s), ${Object.keys(model.integration.subsets).length} subset(s)`;

    if (options.check) {
      if (current === content) {
        logger.info(`${shown}: up to date (${counts})`);
        return { success: true };
      }
      const what = current === undefined ? 'file not found' : 'differs from the seams and subsets it is generated from';
      logger.error(`${shown}: ${what}; run \`nx run integration:catalog${options.out ? ` --out=${out}` : ''}\` and commit it`);
      return { success: false };
    }
    if (current === content) {
      logger.info(`${shown}: unchanged (${counts})`);
      return { success: true };
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, content);
    logger.info(`Wrote ${shown} (${counts})`);
    return { success: true };
  });
}
