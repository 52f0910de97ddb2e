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
  // A certificate Node cannot trust: its own words (Octokit may have kept only "Unknown Error") and what to set.
  const untrusted = untrustedCertificate(error);
  const said = (untrusted?.message ?? message).replace(NODE_CA_HINT, '');
  const answer = e.status && !local ? `HTTP ${e.status} ${said}` : said;
  const tried = e.attempts && e.attempts > 1 ? `${answer} after ${e.attempts} attempts` : answer;
  return untrusted ? `${tried}; ${TRUST_CA}` : tried;
}

/** Node 24's own advice, a command-line flag that Nx's executor processes cannot be given. */
const NODE_CA_HINT = /; if the root CA is installed locally, try running Node\.js with --use-system-ca$/;

const TRUST_CA =
  "the certificate is signed by a CA Node does not trust (a TLS-inspecting proxy, or a GitHub Enterprise server with your own CA): set NODE_USE_SYSTEM_CA=1 to trust the system's CAs as git does, or NODE_EXTRA_CA_CERTS=<that CA's PEM file>";

/** TLS codes for a chain Node cannot follow to a CA it trusts; an expired or misnamed certificate is another problem. */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

/** The TLS error of that kind among the error's causes (Octokit's, then fetch's), if any. */
function untrustedCertificate(error: unknown): { message?: string } | undefined {
  for (let e = error as { code?: unknown; cause?: unknown; message?: string } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && UNTRUSTED.has(e.code)) return e;
  }
  return undefined;
}
/** `GitHub: reading acme/users#5: HTTP 502 Bad Gateway after 3 attempts`: one line naming what was being done. */
export function gitHubFailure(what: string, error: unknown): string {
  return `GitHub: ${what}: ${describeGitHubError(error)}`;
}
