import { join } from 'node:path';
import { seamConfigPath, type WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError } from '../core/errors';
import { commandExists, commandSearchPath } from '../process/find-command';

/**
 * Refuses a run whose seams name a command that is not there (a typo in seam.yaml, a tool not
 * installed), before any pin is fetched: otherwise the seam would fail in every run and each PR
 * would get a failure that no commit of it caused. Seams with a target of their own are Nx's to run.
 */
export function refuseMissingSeamCommands(root: string, model: WorkspaceModel, seams: readonly string[]): void {
  // What every seam's lookup shares (seams/node_modules/.bin, the root's, PATH), looked up once per name.
  const shared = commandSearchPath(join(root, 'seams'), root);
  const sharedHas = new Map<string, boolean>();
  for (const seam of seams) {
    const command = model.seams[seam]?.command?.[0];
    if (!command) continue;
    const cwd = join(root, 'seams', seam);
    const path = command.includes('/') || command.includes('\\');
    if (!path && !sharedHas.has(command)) sharedHas.set(command, commandExists(command, cwd, shared));
    const found = path ? commandExists(command, cwd, []) : sharedHas.get(command) || commandExists(command, cwd, [join(cwd, 'node_modules', '.bin')]);
    if (!found)
      throw SeamlineError.at(
        seamConfigPath(seam),
        'command',
        `${command} was not found (${path ? `no executable file ${command} in seams/${seam}` : 'not on PATH, nor in node_modules/.bin'}); fix the command, or install it. Nothing was run, and no commit is to blame`,
      );
  }
}
