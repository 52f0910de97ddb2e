import { readdir, readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIntegrationConfig, parseSeamConfig } from '../core/config/parse-config';
import type { SeamConfig } from '../core/config/seam-config';
import { componentConfigPath, integrationConfigPath, seamConfigPath } from '../core/config/workspace-model';
import { SeamlineError } from '../core/errors';
import { lintSubsets, type LintProblem, placeSeamFiles } from '../core/lint-subsets';
import { missingRendererModules } from '../render/custom';
import { missingSeamCommands } from './seam-commands';
import { findSeamFiles } from './find-seam-files';

export interface LintWorkspaceResult {
  problems: LintProblem[];
  seams: number;
  /** Undefined when seamline.yaml does not parse (that is one of the problems). */
  subsets?: number;
}

/** Read seamline.yaml and every seam.yaml, wherever it sits, and lint the subsets; a file that does not parse is one problem among the others. */
export async function lintWorkspace(root: string, options: { allowedDirs: string[]; today: string }): Promise<LintWorkspaceResult> {
  const problems: LintProblem[] = [];
  const integrationText = await readFile(join(root, integrationConfigPath), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT')
      throw new SeamlineError(`${integrationConfigPath}: file not found; run \`nx g @seamline/nx:init\` to create it`, integrationConfigPath);
    throw error;
  });
  const integration = collect(problems, () => parseIntegrationConfig(integrationText, integrationConfigPath));

  const placed = placeSeamFiles(await findSeamFiles(root), options.allowedDirs);
  problems.push(...placed.problems);
  const seams: Record<string, SeamConfig | undefined> = {};
  for (const [name, file] of Object.entries(placed.files)) {
    const text = readFileSync(join(root, file), 'utf8');
    seams[name] = collect(problems, () => parseSeamConfig(text, file));
  }
  if (integration) {
    problems.push(...lintSubsets({ integration, seams, files: placed.files, today: options.today, components: await declaredComponents(root) }));
    for (const message of missingRendererModules(root, integration.renderers)) problems.push({ severity: 'error', message });
  }
  // Only the seams of seams/ are Nx projects; a command path there must be a file of the seam, on every machine.
  const projects = Object.entries(seams).filter(([name]) => placed.files[name] === seamConfigPath(name));
  for (const error of missingSeamCommands(
    root,
    projects.map(([name, seam]) => [name, seam?.command]),
    { bareNames: false },
  ))
    problems.push({ severity: 'error', message: error.message });
  return { problems, seams: Object.keys(seams).length, subsets: integration && Object.keys(integration.subsets).length };
}

/** The components declared as components/<name>/component.yaml (what a hold may name). */
async function declaredComponents(root: string): Promise<string[]> {
  const entries = await readdir(join(root, 'components'), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(root, componentConfigPath(e.name))))
    .map((e) => e.name)
    .sort();
}

function collect<T>(problems: LintProblem[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof SeamlineError)) throw error;
    problems.push({ severity: 'error', message: error.message });
    return undefined;
  }
}
