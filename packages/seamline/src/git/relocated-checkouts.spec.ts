import { existsSync, realpathSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createRepo, gitIn } from '../__fixtures__/git-repos';
import { CHECKOUTS_DIR_VARIABLE } from '../fs/checkouts-outside';
import { checkoutDir } from '../workspace/layout';
import { materializePin } from './pin-cache';

describe('checkouts of a moved workspace, with a git too old for `worktree repair`', () => {
  let tmp: string;
  const saved = { dir: process.env[CHECKOUTS_DIR_VARIABLE], path: process.env.PATH };
  beforeEach(async () => {
    tmp = realpathSync(await mkdtemp(join(tmpdir(), 'seamline-relocated-')));
    process.env[CHECKOUTS_DIR_VARIABLE] = join(tmp, 'cache');
  });
  afterEach(async () => {
    process.env[CHECKOUTS_DIR_VARIABLE] = saved.dir;
    process.env.PATH = saved.path;
    await rm(tmp, { recursive: true, force: true });
  });

  it('are checked out again from the pin caches, without a fetch, and work', async () => {
    const repo = await createRepo(join(tmp, 'remotes'), 'auth', [{ 'a.txt': 'one' }]);
    const root = join(tmp, 'integration');
    await mkdir(root);
    const pin = { component: 'auth', url: repo.url, sha: repo.shas[0] };
    await materializePin(root, pin);
    const moved = join(tmp, 'moved');
    await rename(root, moved);
    // Marks the checkout as it was: one checked out again no longer has it.
    await writeFile(join(checkoutDir(moved, 'auth', pin.sha), 'stray.txt'), 'left before the move');
    // A git before 2.29 answers `worktree repair` as an unknown command (129); every other call goes to the real git.
    const shim = join(tmp, 'bin');
    await mkdir(shim);
    const realGit = (await import('execa')).execaSync('sh', ['-c', 'command -v git']).stdout;
    await writeFile(
      join(shim, 'git'),
      `#!/bin/sh\nif [ "$1" = worktree ] && [ "$2" = repair ]; then echo "usage: git worktree add" >&2; exit 129; fi\nexec ${realGit} "$@"\n`,
    );
    await chmod(join(shim, 'git'), 0o755);
    process.env.PATH = `${shim}${delimiter}${saved.path}`;
    // A fetch would fail: the remote is gone.
    await rm(repo.dir, { recursive: true });

    const again = await materializePin(moved, pin);
    expect(again.dir).toBe(checkoutDir(moved, 'auth', pin.sha));
    expect(existsSync(join(again.dir, 'stray.txt'))).toBe(false);
    expect(await readFile(join(again.dir, 'a.txt'), 'utf8')).toBe('one');
    expect(await gitIn(again.dir, ['rev-parse', 'HEAD'])).toBe(pin.sha);
    expect(await gitIn(again.dir, ['status', '--porcelain'])).toBe('');
  });
});
