import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError, badCredentials, notFound, problemsParsingJson } from './api-error';
import { FakeGitHubState, type IssueSeed, type PullSeed } from './fake-github-state';
import { FaultQueue, faultError, type FaultKind, type FaultScope } from './faults';
import { issueCommentData, issueData, pullData, repoData, statusData } from './github-objects';
import type { IssueCommentData, IssueData, PullData, RepoData, StatusData } from './github-objects';
import { createRoutes, type Route } from './routes';

/**
 * A stateful fake of the GitHub REST API over real HTTP on 127.0.0.1, for
 * pointing a real Octokit at (`baseUrl: gh.url`). It keeps repositories,
 * pull requests, issues, comments and commit statuses in memory, answers
 * with complete payloads typed by @octokit/types, logs every request, and
 * can fail on demand the way GitHub does (5xx, rate limits, bad credentials).
 */
export type { FaultKind, FaultScope } from './faults';
export type { IssueSeed, PullSeed } from './fake-github-state';
export type { IssueCommentData, IssueData, PullData, RepoData, StatusData } from './github-objects';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. /repos/acme/users/pulls/7. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, the raw text if it was not JSON, or undefined when empty. */
  body: unknown;
  /** The status the fake answered with. */
  status?: number;
}

export interface FakeGitHubOptions {
  /** Login the fake attributes API writes (statuses, comments, issues) to. */
  viewer?: string;
}

export interface FakeGitHub {
  /** http://127.0.0.1:PORT, for Octokit's `baseUrl`. */
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  addRepo(fullName: string, options?: { defaultBranch?: string }): RepoData;
  addPull(fullName: string, seed: PullSeed): PullData;
  addIssue(fullName: string, seed?: IssueSeed): IssueData;
  pull(fullName: string, number: number): PullData | undefined;
  /** Statuses posted for a commit, newest first. */
  statuses(fullName: string, sha: string): StatusData[];
  /** Issues that are not pull requests, newest first. */
  issues(fullName: string): IssueData[];
  comments(fullName: string, issueNumber: number): IssueCommentData[];
  /** The next `count` matching requests fail with `kind` (or, with `{ hang: true }`, are never answered) instead of being served. */
  failNext(count: number, kind: FaultKind, scope?: FaultScope): void;
  /** Drops every fault not yet taken. */
  clearFaults(): void;
  /** From now on, requests must carry `Authorization: token <token>` or `Bearer <token>`; undefined lifts the rule. */
  requireToken(token: string | undefined): void;
  close(): Promise<void>;
}

/** Bodies the fake will read; anything larger is refused, as GitHub refuses huge payloads. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const state = new FakeGitHubState(options.viewer ?? 'seamline-bot');
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let token: string | undefined;
  let routes: Route[] = [];
  let base = '';

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => serve(req, res, raw))
      .catch((error: unknown) => send(res, error instanceof ApiError ? error : new ApiError(500, `fake GitHub failed: ${String(error)}`)));
  });
  // Short timeouts keep a stuck client from holding the test process open.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 1_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function serve(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    const record: RecordedRequest = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: parseLogged(raw) };
    requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));

    const fault = faults.take(method, url.pathname);
    if (fault && 'hang' in fault) return; // never answered; close() destroys the socket
    if (fault) return send(res, faultError(fault));
    if (token !== undefined && !hasToken(req.headers.authorization, token)) return send(res, badCredentials());

    try {
      const { route, params } = findRoute(routes, method, url.pathname);
      const result = route.handle({ params, url, body: raw === '' ? undefined : parseJson(raw) });
      send(res, result.status ?? 200, result.data, { ...rateLimitHeaders(url.pathname), ...(result.link ? { link: result.link } : {}) });
    } catch (error) {
      if (error instanceof ApiError) return send(res, error);
      throw error;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes = createRoutes(state, base);
  const byName = (fullName: string) => state.seededRepo(fullName);
  const commentsOf = (fullName: string, n: number) => state.comments(byName(fullName), n).length;

  return {
    url: base,
    requests,
    addRepo: (fullName, repoOptions) => repoData(base, state.addRepo(fullName, repoOptions)),
    addPull(fullName, seed) {
      const repo = byName(fullName);
      const issue = state.addIssue(repo, seed, seed);
      if (!issue.pull) throw new Error('unreachable: addIssue with a pull seed makes a pull request');
      return pullData(base, byName, repo, issue, issue.pull, 0);
    },
    addIssue(fullName, seed = {}) {
      const repo = byName(fullName);
      return issueData(base, repo, state.addIssue(repo, seed), 0);
    },
    pull(fullName, number) {
      const repo = byName(fullName);
      const issue = repo.issues.get(number);
      return issue?.pull && pullData(base, byName, repo, issue, issue.pull, commentsOf(fullName, number));
    },
    statuses: (fullName, sha) => state.statuses(byName(fullName), sha).map((s) => statusData(base, byName(fullName), s)),
    issues(fullName) {
      const repo = byName(fullName);
      return [...repo.issues.values()]
        .filter((i) => !i.pull)
        .sort((a, b) => b.id - a.id)
        .map((i) => issueData(base, repo, i, commentsOf(fullName, i.number)));
    },
    comments: (fullName, n) => state.comments(byName(fullName), n).map((c) => issueCommentData(base, byName(fullName), c)),
    failNext: (count, kind, scope) => faults.add(count, kind, scope),
    clearFaults: () => faults.clear(),
    requireToken(value) {
      token = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from Octokit's fetch would otherwise hold close() open.
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** GitHub answers an unknown path, or a known path with another method, with 404. */
function findRoute(routes: Route[], method: string, path: string): { route: Route; params: Record<string, string> } {
  for (const route of routes) {
    const match = route.method === method ? route.pattern.exec(path) : null;
    if (!match) continue;
    try {
      return { route, params: Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])) };
    } catch {
      throw notFound(); // malformed %-escape
    }
  }
  throw notFound();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, 'Payload too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw problemsParsingJson();
  }
}

function parseLogged(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** GitHub accepts both schemes, in any case (Octokit sends `bearer` for JWTs), for any kind of token. */
function hasToken(authorization: string | undefined, token: string): boolean {
  const match = /^(token|bearer) +(.+)$/i.exec(authorization ?? '');
  return match?.[2] === token;
}

function rateLimitHeaders(path: string): Record<string, string> {
  const search = path.startsWith('/search/');
  return {
    'x-ratelimit-limit': search ? '30' : '5000',
    'x-ratelimit-remaining': search ? '29' : '4999',
    'x-ratelimit-used': '1',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-resource': search ? 'search' : 'core',
  };
}

function send(res: ServerResponse, error: ApiError): void;
function send(res: ServerResponse, status: number, data: unknown, headers: Record<string, string>): void;
function send(res: ServerResponse, statusOrError: number | ApiError, data?: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const [status, payload, extra] =
    statusOrError instanceof ApiError ? [statusOrError.status, statusOrError.body, statusOrError.headers] : [statusOrError, data, headers];
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-api-version-selected': '2022-11-28',
    ...extra,
  });
  res.end(JSON.stringify(payload));
}
