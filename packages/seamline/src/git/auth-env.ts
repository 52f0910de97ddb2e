import { gitAtLeast, type GitVersion } from './git-version';

/** Whether Seamline has a git token to send (see gitAuthEnv). */
export const gitToken = (env: NodeJS.ProcessEnv = process.env): string => (env.SEAMLINE_GIT_TOKEN || env.GITHUB_TOKEN || '').trim();

/**
 * Credentials for Seamline's own git fetches of private component repositories:
 * `SEAMLINE_GIT_TOKEN`, else `GITHUB_TOKEN`, sent as an HTTP header to the GitHub
 * server only (`GITHUB_SERVER_URL`, default https://github.com). Passed to git through
 * GIT_CONFIG_* variables of its own process: never in a URL, an argument, a config
 * file, or the environment of the code under test.
 *
 * GIT_CONFIG_COUNT came with git 2.31, and an older git ignores it without a
 * word (every private fetch then fails as unauthorized). For those (Debian 11's
 * 2.30, Ubuntu 20.04's 2.25) the same entry goes into GIT_CONFIG_PARAMETERS,
 * the variable through which `git -c` has always reached git's own children.
 */
export function gitAuthEnv(env: NodeJS.ProcessEnv = process.env, version?: GitVersion): Record<string, string> {
  const token = gitToken(env);
  if (!token) return {};
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const key = `http.${server}/.extraheader`;
  const value = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
  if (!gitAtLeast(version, 2, 31)) {
    // Shell-quoted 'key=value', the form every git reads; appended to any the user already passes.
    const entry = `'${`${key}=${value}`.replace(/'/g, "'\\''")}'`;
    return { GIT_CONFIG_PARAMETERS: [env.GIT_CONFIG_PARAMETERS, entry].filter(Boolean).join(' ') };
  }
  // Keep any GIT_CONFIG_* entries the user already passes.
  const n = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  return { GIT_CONFIG_COUNT: String(n + 1), [`GIT_CONFIG_KEY_${n}`]: key, [`GIT_CONFIG_VALUE_${n}`]: value };
}
