import { ApiError } from './api-error';

/**
 * Injected failures, shaped like GitHub's so Octokit's retry and throttling
 * plugins recognise them: plugin-throttling reads `x-ratelimit-remaining: 0`
 * plus `x-ratelimit-reset` for the primary limit, and the words "secondary
 * rate" plus `retry-after` for the secondary one.
 */
export type FaultKind =
  | { status: 500 | 502 | 503 }
  | { rateLimit: 'primary' }
  | { rateLimit: 'secondary'; retryAfter?: number }
  | { status: 429; retryAfter?: number }
  /** The request is read and recorded, and never answered: the connection stays open until the client gives up or the fake closes. */
  | { hang: true };

export interface FaultScope {
  /** Only requests whose path (without query) matches. */
  path?: RegExp | string;
  method?: string;
}

const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';
const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE:0000.';

export function faultError(kind: Exclude<FaultKind, { hang: true }>, now = Date.now()): ApiError {
  if ('rateLimit' in kind) {
    if (kind.rateLimit === 'primary') {
      const reset = String(Math.floor(now / 1000) + 1);
      return new ApiError(403, 'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID FAKE:0000.', {
        documentationUrl: RATE_LIMIT_DOCS,
        headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': reset },
      });
    }
    return new ApiError(403, SECONDARY_MESSAGE, { documentationUrl: RATE_LIMIT_DOCS, headers: { 'retry-after': String(kind.retryAfter ?? 1) } });
  }
  // GitHub answers too many concurrent or too fast requests with 429 and the secondary-limit text.
  if (kind.status === 429)
    return new ApiError(429, SECONDARY_MESSAGE, { documentationUrl: RATE_LIMIT_DOCS, headers: { 'retry-after': String(kind.retryAfter ?? 1) } });
  const message = { 500: 'Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }[kind.status];
  return new ApiError(kind.status, message);
}

interface PendingFault {
  remaining: number;
  kind: FaultKind;
  scope: FaultScope;
}

/** Faults wait in order; a request consumes one from the first entry whose scope matches it. */
export class FaultQueue {
  private readonly pending: PendingFault[] = [];

  add(count: number, kind: FaultKind, scope: FaultScope = {}): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`failNext: count must be a positive integer, got ${count}`);
    this.pending.push({ remaining: count, kind, scope });
  }

  take(method: string, path: string): FaultKind | undefined {
    const index = this.pending.findIndex((f) => matches(f.scope, method, path));
    if (index < 0) return undefined;
    const fault = this.pending[index];
    if (--fault.remaining === 0) this.pending.splice(index, 1);
    return fault.kind;
  }

  clear(): void {
    this.pending.length = 0;
  }
}

function matches(scope: FaultScope, method: string, path: string): boolean {
  if (scope.method && scope.method.toUpperCase() !== method) return false;
  if (scope.path === undefined) return true;
  if (typeof scope.path === 'string') return path === scope.path;
  scope.path.lastIndex = 0; // a /g regex would otherwise remember where it stopped
  return scope.path.test(path);
}
