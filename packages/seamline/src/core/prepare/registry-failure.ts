/**
 * The line of a prepare's log that says the package registry or the network failed it,
 * not the commit: a reset or timed-out connection, a name lookup to try again, or the
 * registry answering 429 or 5xx. npm, pnpm and yarn name these by Node's codes, bun its own way.
 * Such a prepare is worth one more try; a missing version, a lockfile that does not
 * match (EINTEGRITY, ETARGET, E404) or a failed build is a fact about the commit.
 */
export function registryFailureLine(log: string): string | undefined {
  return (
    log
      .split('\n')
      .map((line) => line.trim())
      // Seamline's own notes at the top of a prepare log (`# tried again: …`) are not what the tools said.
      .filter((line) => !line.startsWith('# '))
      .find((line) => TRANSIENT.test(line) || HTTP_TRANSIENT.test(line) || BUN_DOWNLOAD.test(line))
  );
}

/**
 * Node's codes (npm, yarn, pnpm to 11), and what pnpm 12's HTTP client says of a connection: `error sending request`.
 * yarn 4 on Node 24 names a TLS connection the network closed before it was up `ERR_SOCKET_CLOSED_BEFORE_CONNECTION`.
 */
const TRANSIENT =
  /\b(ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|ERR_SOCKET_TIMEOUT|ERR_SOCKET_CLOSED_BEFORE_CONNECTION|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|EPIPE|socket hang up|error sending request)\b/;

/** bun names the failure in CamelCase: `error: ConnectionRefused downloading package manifest zod` (a 404 reads `error: GET <url> - 404`). */
const BUN_DOWNLOAD = /^error: [A-Z]\w+ downloading (package manifest|tarball) /;

/** npm's `code E503`, pnpm's `ERR_PNPM_FETCH_503` and `ERR_PNPM_META_FETCH_FAIL`, a `503 Service Unavailable`. */
const HTTP_TRANSIENT =
  /\b(E(429|5\d\d)|ERR_PNPM_(FETCH_(429|5\d\d)|META_FETCH_FAIL)|(429|5\d\d) (Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out))\b/;
