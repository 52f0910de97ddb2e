/** `HTTP 503: Service Unavailable`, never the request (its headers carry the token). */
export function describeGitHubError(error: unknown): string {
  const e = error as { status?: number; message?: string };
  const message = (e.message ?? String(error)).split('\n')[0];
  return e.status ? `HTTP ${e.status}: ${message}` : message;
}
