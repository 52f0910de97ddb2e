import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';

/**
 * Where a command of a seam is looked up when Nx runs it in `cwd`: the node_modules/.bin of that
 * folder and of each one above it up to the workspace root (Nx's run-commands puts them first on
 * PATH), then PATH.
 */
export function commandSearchPath(cwd: string, root: string, envPath: string = process.env.PATH ?? ''): string[] {
  const bins: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    bins.push(join(dir, 'node_modules', '.bin'));
    if (dir === resolve(root) || dirname(dir) === dir) break;
  }
  return [...bins, ...envPath.split(delimiter).filter(Boolean)];
}

/** Whether `command` would start: a path (`./check.sh`) from cwd, a bare name (`jest`) from the search path. */
export function commandExists(command: string, cwd: string, searchPath: readonly string[]): boolean {
  if (command.includes('/') || (process.platform === 'win32' && command.includes('\\'))) return executable(resolve(cwd, command));
  const extensions = process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';')] : [''];
  return searchPath.some((dir) => extensions.some((ext) => executable(join(dir, command + ext))));
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return !statSync(file).isDirectory();
  } catch {
    return false;
  }
}
