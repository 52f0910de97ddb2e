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
  const [first] = missingSeamCommands(
    root,
    seams.map((seam) => [seam, model.seams[seam]?.command]),
    { bareNames: true },
  );
  if (first) throw new SeamlineError(`${first.message}. Nothing was run, and no commit is to blame`, first.file, first.field);
}

/**
 * The seams whose command would not start, one error each naming the seam's file. Bare names
 * (`jest`) are looked up only with `bareNames`: on PATH and in node_modules/.bin they depend on
 * the machine (a fresh clone has no node_modules); a path (`./check.sh`) is the seam's own file.
 */
export function missingSeamCommands(
  root: string,
  seams: readonly (readonly [string, readonly string[] | undefined])[],
  options: { bareNames: boolean },
): SeamlineError[] {
  // What every seam's lookup shares (seams/node_modules/.bin, the root's, PATH), looked up once per name.
  const shared = commandSearchPath(join(root, 'seams'), root);
  const sharedHas = new Map<string, boolean>();
  const missing: SeamlineError[] = [];
  for (const [seam, command] of seams) {
    const program = command?.[0];
    if (!program) continue;
    const cwd = join(root, 'seams', seam);
    const path = program.includes('/') || program.includes('\\');
    if (!path && !options.bareNames) continue;
    if (!path && !sharedHas.has(program)) sharedHas.set(program, commandExists(program, cwd, shared));
    const found = path ? commandExists(program, cwd, []) : sharedHas.get(program) || commandExists(program, cwd, [join(cwd, 'node_modules', '.bin')]);
    if (!found)
      missing.push(
        SeamlineError.at(
          seamConfigPath(seam),
          'command',
          `${program} was not found (${path ? `no executable file ${program} in seams/${seam}` : 'not on PATH, nor in node_modules/.bin'}); fix the command, or install it`,
        ),
      );
  }
  return missing;
}
