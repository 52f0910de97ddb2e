import { claimGitVersion } from '../__fixtures__/older-git';
import { gitAtLeast, parseGitVersion, withOlderGitNamed } from './git-version';

describe('the git version', () => {
  it('is read from what git --version prints on each platform', () => {
    expect(parseGitVersion('git version 2.39.5\n')).toEqual({ major: 2, minor: 39 });
    expect(parseGitVersion('git version 2.39.3 (Apple Git-146)\n')).toEqual({ major: 2, minor: 39 });
    expect(parseGitVersion('git version 2.45.1.windows.1\n')).toEqual({ major: 2, minor: 45 });
    expect(parseGitVersion('hub version 2.14.2\n')).toBeUndefined();
  });

  it('compares by major, then minor; an unknown version counts as new', () => {
    expect(gitAtLeast({ major: 2, minor: 36 }, 2, 36)).toBe(true);
    expect(gitAtLeast({ major: 2, minor: 35 }, 2, 36)).toBe(false);
    expect(gitAtLeast({ major: 3, minor: 0 }, 2, 36)).toBe(true);
    expect(gitAtLeast({ major: 1, minor: 99 }, 2, 31)).toBe(false);
    expect(gitAtLeast(undefined, 2, 36)).toBe(true);
  });

  it('a failure under a git older than 2.25 names that git and the cure on the same line; under 2.25 it is left as it is', async () => {
    const failure = "git worktree failed: unknown option `quiet'";
    for (const [claimed, expected] of [
      ['2.17.1', `${failure}; the git on PATH is 2.17, and Seamline needs git 2.25 or later: install a newer git and run again`],
      ['2.25.1', failure],
    ]) {
      const restore = await claimGitVersion(claimed);
      try {
        expect(await withOlderGitNamed(failure)).toBe(expected);
      } finally {
        await restore();
      }
    }
  });
});
