import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { claimGitVersion } from '../__fixtures__/older-git';
import { gitAuthEnv } from './auth-env';
import { gitVersion, type GitVersion } from './git-version';
import { runGit } from './run-git';

describe('gitAuthEnv', () => {
  const header = (token: string) => `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

  it.each([
    ['as GIT_CONFIG_COUNT entries (git 2.31 and later)', { major: 2, minor: 39 }],
    ['as GIT_CONFIG_PARAMETERS (an older git, which ignores GIT_CONFIG_COUNT)', { major: 2, minor: 30 }],
  ])('scopes the token to the GitHub server %s, as real git resolves it', async (_, version: GitVersion) => {
    const { execa } = await import('execa');
    const env = { ...gitAuthEnv({ GITHUB_TOKEN: 'ghs_x' }, version), HOME: '/nonexistent', GIT_CONFIG_NOSYSTEM: '1' };
    const lookup = (url: string) => execa('git', ['config', '--get-urlmatch', 'http.extraheader', url], { env, reject: false });
    expect((await lookup('https://github.com/acme/private.git')).stdout).toBe(header('ghs_x'));
    expect((await lookup('https://gitlab.example.com/acme/x.git')).exitCode).toBe(1);
    expect((await lookup('https://github.com.evil.example/acme/x.git')).exitCode).toBe(1);
  });

  it('gives an older git the entry shell-quoted after those the user passes, as git -c does', () => {
    const server = "https://ghe.example.com/it's";
    expect(gitAuthEnv({ GITHUB_TOKEN: 'a', GITHUB_SERVER_URL: server, GIT_CONFIG_PARAMETERS: "'core.pager=cat'" }, { major: 2, minor: 30 })).toEqual({
      GIT_CONFIG_PARAMETERS: `'core.pager=cat' 'http.https://ghe.example.com/it'\\''s/.extraheader=${header('a')}'`,
    });
  });

  it('prefers SEAMLINE_GIT_TOKEN, follows GITHUB_SERVER_URL, and keeps existing GIT_CONFIG_* entries', () => {
    expect(gitAuthEnv({ SEAMLINE_GIT_TOKEN: 'a', GITHUB_TOKEN: 'b', GITHUB_SERVER_URL: 'https://ghe.example.com/', GIT_CONFIG_COUNT: '2' })).toEqual({
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_2: 'http.https://ghe.example.com/.extraheader',
      GIT_CONFIG_VALUE_2: header('a'),
    });
  });

  it('adds nothing without a token', () => {
    expect(gitAuthEnv({ GITHUB_TOKEN: '  ' })).toEqual({});
  });

  it.each([
    ['', undefined],
    [' (a git before 2.31)', '2.30.2'],
  ])('real git sends the header to the GitHub server over HTTP%s, and the token never shows in its output', async (_, claimed) => {
    const restorePath = claimed ? await claimGitVersion(claimed) : undefined;
    expect((await gitVersion())?.minor).toEqual(claimed ? 30 : expect.any(Number));
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const saved = { token: process.env.GITHUB_TOKEN, server: process.env.GITHUB_SERVER_URL };
    process.env.GITHUB_TOKEN = 'ghs_realGitHeaderToken';
    process.env.GITHUB_SERVER_URL = base;
    try {
      const result = await runGit(['ls-remote', `${base}/acme/private.git`], { timeoutMs: 20_000 });
      expect(result.exitCode).not.toBe(0);
      expect(seen[0]).toBe(`basic ${Buffer.from('x-access-token:ghs_realGitHeaderToken').toString('base64')}`);
      expect(result.stdout + result.stderr).not.toContain('ghs_realGitHeaderToken');
    } finally {
      for (const [key, value] of [
        ['GITHUB_TOKEN', saved.token],
        ['GITHUB_SERVER_URL', saved.server],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await new Promise((resolve) => server.close(resolve));
      await restorePath?.();
    }
  });
});
