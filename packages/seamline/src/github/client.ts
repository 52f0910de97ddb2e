import { logger } from '../terminal/logger';
import type { Octokit } from '@octokit/rest' with { 'resolution-mode': 'import' };
import type Bottleneck from 'bottleneck';

export type GitHub = Octokit;

/** How long one GitHub request may take (answer and body) before it is abandoned and retried. */
export const DEFAULT_GITHUB_TIMEOUT_MS = 20_000;

export interface GitHubSettings {
  token: string;
  /** REST API root; https://api.github.com unless GitHub Enterprise. */
  baseUrl?: string;
  /** Retries after a 5xx, a 429, a timeout or a network error (plugin-retry) and after a rate limit (plugin-throttling). */
  retries?: number;
  /** Milliseconds per retry-after unit; tests shorten it, GitHub wants seconds. */
  retryAfterBaseValue?: number;
  /** Milliseconds one attempt may take, answer and body; DEFAULT_GITHUB_TIMEOUT_MS unless given. */
  timeoutMs?: number;
  /**
   * Replaces plugin-throttling's pacing groups (1 s between writes, 2 s between
   * searches, 3 s between notifying writes): tests pass unpaced Bottleneck groups.
   */
  pacing?: { write?: Bottleneck.Group; search?: Bottleneck.Group; notifications?: Bottleneck.Group };
  /** What sends each request: Node's fetch unless given (fetchThroughProxy when a proxy is set). */
  fetch?: typeof fetch;
}

/** A GitHub attempt that got no complete answer within the timeout. */
export class GitHubTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${seconds(timeoutMs)}`);
    this.name = 'GitHubTimeoutError';
  }
}

/** A GitHub that could not be connected to at all: its name did not resolve, or the connection was refused, reset or had no route. */
export class GitHubNetworkError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'GitHubNetworkError';
  }
}

/**
 * A request not sent because an earlier one got no answer at all (timed out, or could not
 * connect): one stalled or unreachable GitHub costs one request's attempts, not one per call.
 */
export class GitHubUnreachableError extends Error {
  readonly attempts = 0;
  constructor(why: string) {
    super(`not sent: GitHub ${why}`);
    this.name = 'GitHubUnreachableError';
  }
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/**
 * Octokit with GitHub's recommended retry and throttling, a timeout on every
 * attempt, and bounded retries: a request ends, answered or not, within about
 * (retries + 1) x timeout plus the backoff. Once a request got no answer in any
 * attempt, later requests of this client fail at once (GitHubUnreachableError).
 * Every error that leaves the client carries `attempts` (see describeGitHubError).
 * @octokit/rest is ESM-only, hence the real dynamic import from this CommonJS plugin.
 */
export async function createGitHub(settings: GitHubSettings): Promise<GitHub> {
  const [{ Octokit }, { retry }, { throttling }] = await Promise.all([
    import('@octokit/rest'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  // Two retries (1 s, then 4 s for a 5xx): a status is worth a short wait, not a stalled run.
  const retries = settings.retries ?? 2;
  const base = settings.retryAfterBaseValue ?? 1000;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_GITHUB_TIMEOUT_MS;
  // Why GitHub is taken to be unreachable, once a request got no answer in any attempt.
  const state: { unreachable?: string } = {};
  const WithPlugins = Octokit.plugin(retry, throttling);
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    const again = retryCount < retries;
    logger.warn(`GitHub ${kind} on ${options.method} ${options.url}: ${again ? `retrying in ${retryAfter}s` : 'giving up'}`);
    return again;
  };
  const gh = new WithPlugins({
    auth: settings.token,
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl.replace(/\/+$/, '') } : {}),
    userAgent: 'seamline',
    request: { fetch: fetchWithTimeout(timeoutMs, settings.fetch ?? fetch) },
    retry: { retries, retryAfterBaseValue: base },
    throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit'), retryAfterBaseValue: base, ...settings.pacing },
    // Octokit's own lines stay quiet: its errors are per attempt (`POST /repos/… - 500 with id UNKNOWN`), and each
    // failure reaches the user once, as the caller's line. Its warnings (deprecations) go through Nx's logger.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => logger.warn(m), error: () => {} },
  });
  // Registered last, so it wraps retry and throttling: it sees each request once, after its last attempt.
  gh.hook.wrap('request', async (request, options) => {
    if (state.unreachable) throw new GitHubUnreachableError(state.unreachable);
    try {
      return await request(options);
    } catch (error) {
      // plugin-retry counts every failed attempt here, the last one included.
      const failed = (options.request as { retryCount?: number } | undefined)?.retryCount ?? 0;
      if (error && typeof error === 'object') Object.assign(error, { attempts: Math.max(1, failed) });
      if (timedOut(error)) state.unreachable = `did not answer an earlier request within ${seconds(timeoutMs)}`;
      // Refused, reset, unresolved: directly or through a proxy. Its message names the host (or the proxy), never the token.
      if (networkCode(error)) state.unreachable = `could not be reached by an earlier request: ${(error as Error).message.split('\n')[0]}`;
      throw error;
    }
  });
  return gh;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/** fetch with a deadline on each attempt, answer and body; a caller's own signal still applies. */
function fetchWithTimeout(timeoutMs: number, send: typeof fetch): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      const response = await send(input, { ...init, signal });
      // Read the body under the same deadline, so a server that sends headers and then stalls is caught too.
      const body = await response.arrayBuffer();
      const read = new Response(NULL_BODY.has(response.status) ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      return Object.defineProperty(read, 'url', { value: response.url });
    } catch (error) {
      if (deadline.aborted) throw new GitHubTimeoutError(timeoutMs);
      // fetch's own TypeError says only "fetch failed" (Octokit then says "Unknown Error"); a proxy's error already names the proxy.
      const code = networkCode(error);
      if (code && (error as { name?: string }).name === 'TypeError') {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const what = RESOLVE.has(code) ? `cannot resolve ${url.hostname}` : `cannot connect to ${url.host}`;
        throw new GitHubNetworkError(`${what} (${code})`, error);
      }
      throw error;
    }
  };
}

/** Codes of a connection that never got an answer, as Node and undici give them. */
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);
const RESOLVE = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/** The network code among an error's causes (fetch's TypeError, then undici's or Node's error, or an AggregateError of them). */
function networkCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && NETWORK.has(e.code)) return e.code;
    e = (e.cause ?? e.errors?.[0]) as typeof e;
  }
  return undefined;
}

/** Whether every attempt of a request ran out of time (Octokit wraps the fetch error as `cause`). */
function timedOut(error: unknown): boolean {
  const e = error as { name?: string; cause?: { name?: string } } | undefined;
  return e?.name === 'GitHubTimeoutError' || e?.cause?.name === 'GitHubTimeoutError' || e?.name === 'TimeoutError';
}

/** The timeout to use: $SEAMLINE_GITHUB_TIMEOUT_MS (a positive integer) or the default. */
export function githubTimeoutFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.SEAMLINE_GITHUB_TIMEOUT_MS?.trim();
  if (!raw) return undefined;
  const ms = Number(raw);
  return Number.isInteger(ms) && ms > 0 ? ms : undefined;
}
