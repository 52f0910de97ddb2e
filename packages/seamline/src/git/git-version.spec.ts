import { gitAtLeast, parseGitVersion } from './git-version';

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
});
