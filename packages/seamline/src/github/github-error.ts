/**
 * `HTTP 502 Bad Gateway after 3 attempts`, `no answer within 20 s after 3 attempts`:
 * what GitHub answered, never the request (its headers carry the token).
 */
export function describeGitHubError(error: unknown): string {
  const e = error as { status?: number; message?: string; attempts?: number; name?: string; cause?: { name?: string; message?: string } };
  const cause = e.cause?.name === 'GitHubTimeoutError' ? e.cause : undefined;
  // Octokit appends GitHub's documentation_url (` - https://docs.github.com/...`): not worth a line.
  const message = (cause?.message ?? e.message ?? String(error)).split('\n')[0].replace(/ - https:\/\/\S+$/, '');
  // A timeout or a network error reaches Octokit's retry as a made-up HTTP 500: say what happened instead.
  const local = cause || e.name === 'GitHubTimeoutError' || e.name === 'GitHubUnreachableError' || (e.status === 500 && e.cause !== undefined);
  const answer = e.status && !local ? `HTTP ${e.status} ${message}` : message;
  return e.attempts && e.attempts > 1 ? `${answer} after ${e.attempts} attempts` : answer;
}

/** `GitHub: reading acme/users#5: HTTP 502 Bad Gateway after 3 attempts`: one line naming what was being done. */
export function gitHubFailure(what: string, error: unknown): string {
  return `GitHub: ${what}: ${describeGitHubError(error)}`;
}
