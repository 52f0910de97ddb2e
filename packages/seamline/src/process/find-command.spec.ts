import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { commandExists, commandSearchPath } from './find-command';

describe('finding a seam command as Nx would run it', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'seamline-find-command-'));
    await mkdir(join(root, 'seams/users-auth'), { recursive: true });
    await mkdir(join(root, 'node_modules/.bin'), { recursive: true });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const script = async (file: string, mode: number) => {
    await writeFile(file, '#!/bin/sh\nexit 0\n');
    await chmod(file, mode);
  };

  it('looks in node_modules/.bin from the seam folder up to the workspace root, then PATH', () => {
    const cwd = join(root, 'seams/users-auth');
    expect(commandSearchPath(cwd, root, ['/usr/local/bin', '/usr/bin'].join(delimiter))).toEqual([
      join(root, 'seams/users-auth/node_modules/.bin'),
      join(root, 'seams/node_modules/.bin'),
      join(root, 'node_modules/.bin'),
      '/usr/local/bin',
      '/usr/bin',
    ]);
  });

  it('finds an installed bin and a program on PATH, not a typo, a file that cannot be run, or a folder', async () => {
    const cwd = join(root, 'seams/users-auth');
    await script(join(root, 'node_modules/.bin/jest'), 0o755);
    await script(join(root, 'node_modules/.bin/not-executable'), 0o644);
    await mkdir(join(root, 'node_modules/.bin/a-folder'));
    const path = commandSearchPath(cwd, root, process.env.PATH);
    expect(commandExists('jest', cwd, path)).toBe(true);
    expect(commandExists('node', cwd, path)).toBe(true);
    expect(commandExists('jset', cwd, path)).toBe(false);
    expect(commandExists('not-executable', cwd, path)).toBe(false);
    expect(commandExists('a-folder', cwd, path)).toBe(false);
  });

  it('takes a command with a slash as a path from the seam folder, never from PATH', async () => {
    const cwd = join(root, 'seams/users-auth');
    await script(join(cwd, 'check.sh'), 0o755);
    expect(commandExists('./check.sh', cwd, [])).toBe(true);
    expect(commandExists('../users-auth/check.sh', cwd, [])).toBe(true);
    expect(commandExists('./missing.sh', cwd, [])).toBe(false);
    expect(commandExists('check.sh', cwd, commandSearchPath(cwd, root, process.env.PATH))).toBe(false);
  });
});
