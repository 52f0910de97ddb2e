import { gitUrlHost, githubRepoOf, githubWebHost, notOnGitHubLine } from './github-repo';

describe('which GitHub repository a component reports to', () => {
  it.each([
    [undefined, 'github.com'],
    ['https://api.github.com', 'github.com'],
    ['https://api.acme.ghe.com', 'acme.ghe.com'],
    ['https://ghe.acme.com/api/v3', 'ghe.acme.com'],
    ['http://127.0.0.1:41234', '127.0.0.1'],
  ])('the API root %s serves %s', (api, host) => {
    expect(githubWebHost(api)).toBe(host);
  });

  it.each([
    ['https://github.com/acme/users.git', 'github.com'],
    ['https://x-access-token:secret@GitHub.com/acme/users', 'github.com'],
    ['ssh://git@github.com:22/acme/users.git', 'github.com'],
    ['git@github.com:acme/users.git', 'github.com'],
    ['https://gitlab.com/acme/users.git', 'gitlab.com'],
    ['file:///srv/git/acme/users', undefined],
  ])('%s is on %s', (url, host) => {
    expect(gitUrlHost(url)).toBe(host);
  });

  it('derives owner/name only for a repo on that GitHub', () => {
    expect(githubRepoOf({ repo: 'git@github.com:Acme/Users.git' }, 'github.com')).toBe('acme/users');
    expect(githubRepoOf({ repo: 'https://ghe.acme.com/core/users.git' }, 'ghe.acme.com')).toBe('core/users');
    expect(githubRepoOf({ repo: 'https://ghe.acme.com/core/users.git' }, 'github.com')).toBeUndefined();
    expect(githubRepoOf({ repo: 'file:///home/me/acme/users' }, 'github.com')).toBeUndefined();
    expect(githubRepoOf({ repo: 'https://gitlab.com/acme/users.git' }, 'github.com')).toBeUndefined();
  });

  it('takes github: owner/name for a repo fetched from a mirror or a local copy', () => {
    expect(githubRepoOf({ repo: 'https://git-mirror.internal/users.git', github: 'Acme/users' }, 'github.com')).toBe('acme/users');
    expect(githubRepoOf({ repo: 'file:///srv/git/users', github: 'acme/users' }, '127.0.0.1')).toBe('acme/users');
  });

  it('says in one line why a status stays local, and never prints credentials', () => {
    expect(notOnGitHubLine('auth', 'https://bot:secret@gitlab.com/acme/auth.git', 'github.com')).toBe(
      'auth: https://***@gitlab.com/acme/auth.git is not on github.com, so its PR status is reported locally only; if its pull requests are on github.com, set github: <owner>/<name> in components/auth/component.yaml',
    );
  });
});
