import type { ExecutorContext } from '@nx/devkit';
import { claimGitVersion } from '../__fixtures__/older-git';
import { SeamlineError } from '../core/errors';
import { git } from '../git/run-git';
import { logger } from '../terminal/logger';
import { runExecutor } from './run-executor';

describe('runExecutor, the shell of every executor', () => {
  let errors: string[];
  beforeEach(() => {
    errors = [];
    jest.spyOn(logger, 'error').mockImplementation((m) => void errors.push(String(m)));
  });
  afterEach(() => jest.restoreAllMocks());
  const context = (isVerbose: boolean) => ({ isVerbose }) as ExecutorContext;
  const fail = (error: Error) => () => Promise.reject(error);

  it('prints a user’s mistake as its one line, and an unexpected error with a hint', async () => {
    expect(await runExecutor(context(false), fail(new SeamlineError('components/users/component.yaml: field "repo": expected a URL')))).toEqual({
      success: false,
    });
    expect(await runExecutor(context(false), fail(new Error('EEXIST: file already exists')))).toEqual({ success: false });
    expect(errors).toEqual([
      'components/users/component.yaml: field "repo": expected a URL',
      'seamline: unexpected error: EEXIST: file already exists (rerun with --verbose for details)',
    ]);
  });

  it('under --verbose, adds the stack frames once, without printing the message again', async () => {
    await runExecutor(context(true), fail(new Error('EEXIST: file already exists')));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe('seamline: unexpected error: EEXIST: file already exists');
    expect(errors[1]).toMatch(/^\s+at /);
    expect(errors[1]).not.toContain('EEXIST');
  });

  it('names a git older than Seamline supports on the line of what failed', async () => {
    const restore = await claimGitVersion('2.17.1');
    try {
      // A real git failure, as an older git gives one for an option it lacks.
      const result = await runExecutor(context(false), () => git(['worktree', 'add', '--no-such-option', 'x']).then(() => ({ success: true })));
      expect(result).toEqual({ success: false });
    } finally {
      await restore();
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^seamline: unexpected error: git worktree failed: .*no-such-option.*; the git on PATH is 2\.17, and Seamline needs git 2\.25 or later: install a newer git and run again \(rerun with --verbose for details\)$/,
    );
  });
});
