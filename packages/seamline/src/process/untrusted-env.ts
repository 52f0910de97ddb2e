/**
 * Tokens that reach Seamline (to talk to GitHub) and must not reach the code
 * it tests: a PR's prepare commands and seams run code anyone could have pushed.
 */
const SECRET = /^(GITHUB_TOKEN|GH_TOKEN|GH_ENTERPRISE_TOKEN|GITHUB_ENTERPRISE_TOKEN|SEAMLINE_\w*TOKEN|ACTIONS_RUNTIME_TOKEN|ACTIONS_ID_TOKEN_REQUEST_\w+)$/;

export const isSecretName = (name: string) => SECRET.test(name);

/** The environment for code under test: this process's, without the tokens, plus `extra`. Use with `extendEnv: false`. */
export function untrustedEnv(extra: Record<string, string | undefined> = {}, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...base, ...extra })) {
    if (value !== undefined && !isSecretName(name)) env[name] = value;
  }
  return env;
}
