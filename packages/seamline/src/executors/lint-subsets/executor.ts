import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ExecutorContext, logger } from '@nx/devkit';
import { parseIntegrationConfig, parseSeamConfig } from '../../core/config/parse-config';
import type { SeamConfig } from '../../core/config/seam-config';
import { integrationConfigPath } from '../../core/config/workspace-model';
import { SeamlineError } from '../../core/errors';
import { DEFAULT_ALLOWED_DIRS, lintSubsets, type LintProblem, placeSeamFiles } from '../../core/lint-subsets';
import { listOption } from '../../core/list-option';
import { SEAMLINE_DIR } from '../../workspace/layout';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { LintSubsetsExecutorSchema } from './schema';

/** Never searched for stray seam.yaml files: installs, Seamline's checkouts, caches, build output. */
const SKIPPED = new Set(['node_modules', SEAMLINE_DIR, '.nx', 'dist', '.git']);

export default async function lintSubsetsExecutor(options: LintSubsetsExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const root = context.root;
    const allowedDirs = allowedDirsOption(options.allowedDirs);
    const today = todayOption(options.today);
    const problems: LintProblem[] = [];

    const integrationText = await readFile(join(root, integrationConfigPath), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new SeamlineError(`${integrationConfigPath}: file not found; run \`nx g @seamline/nx:init\` to create it`, integrationConfigPath);
      throw error;
    });
    const integration = collect(problems, () => parseIntegrationConfig(integrationText, integrationConfigPath));

    const placed = placeSeamFiles(await findSeamFiles(root), allowedDirs);
    problems.push(...placed.problems);
    const seams: Record<string, SeamConfig | undefined> = {};
    for (const [name, file] of Object.entries(placed.files)) {
      const text = await readFile(join(root, file), 'utf8');
      seams[name] = collect(problems, () => parseSeamConfig(text, file));
    }

    if (integration) problems.push(...lintSubsets({ integration, seams, files: placed.files, today }));
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warning');
    errors.forEach((p) => logger.error(p.message));
    warnings.forEach((p) => logger.warn(p.message));

    if (errors.length) {
      logger.error(`lint-subsets: ${errors.length} problem(s)${warnings.length ? `, ${warnings.length} warning(s)` : ''}; fix the problems above`);
      return { success: false, problems: errors.length, warnings: warnings.length };
    }
    const subsets = Object.keys(integration!.subsets).length; // parsed: otherwise there would be a problem
    logger.info(`lint-subsets: ${plural(Object.keys(seams).length, 'seam')} in ${plural(subsets, 'subset')}, no problems${warnings.length ? ` (${warnings.length} warning(s) above)` : ''}`);
    return { success: true, problems: 0, warnings: warnings.length };
  });
}

/** A file that does not parse is one problem among the others, not the end of the run. */
function collect<T>(problems: LintProblem[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof SeamlineError)) throw error;
    problems.push({ severity: 'error', message: error.message });
    return undefined;
  }
}

/** Every seam.yaml under the workspace, as posix paths relative to it; symlinks are not followed. */
async function findSeamFiles(root: string, dir = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) found.push(...(await findSeamFiles(root, path)));
    else if (entry.isFile() && entry.name === 'seam.yaml') found.push(path);
  }
  return found;
}

function allowedDirsOption(value: string | string[] | undefined): string[] {
  const dirs = listOption(value).map((d) => d.replace(/^\.\//, '').replace(/\/+$/, ''));
  for (const dir of dirs) {
    if (!dir || dir.startsWith('/') || /^[a-z]:/i.test(dir) || dir.split('/').includes('..')) {
      throw new SeamlineError(`--allowedDirs: expected folders relative to the workspace root, such as seams, got ${JSON.stringify(dir)}`);
    }
  }
  return dirs.length ? dirs : DEFAULT_ALLOWED_DIRS;
}

function todayOption(value: string | undefined): string {
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  const real = /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(Date.parse(`${value}T00:00:00Z`) || 0).toISOString().slice(0, 10) === value;
  if (!real) throw new SeamlineError(`--today: expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
