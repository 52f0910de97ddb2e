/**
 * Credentials for Seamline's own git fetches of private component repositories:
 * `SEAMLINE_GIT_TOKEN`, else `GITHUB_TOKEN`, sent as an HTTP header to the GitHub
 * server only (`GITHUB_SERVER_URL`, default https://github.com). Passed to git through
 * GIT_CONFIG_* variables of its own process: never in a URL, an argument, a config
 * file, or the environment of the code under test.
 */
export function gitAuthEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const token = (env.SEAMLINE_GIT_TOKEN || env.GITHUB_TOKEN || '').trim();
  if (!token) return {};
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  // Keep any GIT_CONFIG_* entries the user already passes.
  const n = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  return {
    GIT_CONFIG_COUNT: String(n + 1),
    [`GIT_CONFIG_KEY_${n}`]: `http.${server}/.extraheader`,
    [`GIT_CONFIG_VALUE_${n}`]: `AUTHORIZATION: basic ${basic}`,
  };
}
