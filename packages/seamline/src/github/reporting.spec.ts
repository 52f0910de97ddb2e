import { type FakeGitHub, startFakeGitHub } from '@seamline/fake-github';
import type { RunResults } from '../core/run/results';
import { githubTimeoutFromEnv } from './client';
import { closeFullFailures, reportFullFailure } from './failure-issue';
import { describeGitHubError } from './github-error';
import { checkPullHead } from './pulls';
import { postStatuses } from './statuses';
import { logger } from '../terminal/logger';
import { testClient } from './__fixtures__/test-client';

const sha = (c: string) => c.repeat(40);
const TOKEN = 'ghs_test_token_never_printed';
const failing = (manifest: string, run: string): RunResults => ({
  run_id: run,
  kind: 'full',
  manifest_sha256: manifest.repeat(64),
  subset: 'full',
  tuple: { users: sha('a'), schema: sha('b') },
  verdict: 'fail',
  reason: 'failed seam: users-schema',
  seams: [{ seam: 'users-schema', verdict: 'fail', quarantined: false, duration_s: 1, attempts: 1, cached: false, log: 'l' }],
  not_selected: 0,
  budget_s: 60,
  seams_duration_s: 1,
  started: '2026-11-21T12:00:00Z',
  finished: '2026-11-21T12:00:01Z',
});

describe('reporting to GitHub', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await startFakeGitHub();
    gh.addRepo('acme/users');
    gh.addRepo('acme/integration');
  });
  afterEach(() => gh.close());

  describe('commit statuses', () => {
    it('posts the status on the PR head, retrying a 5xx and a rate limit', async () => {
      gh.failNext(1, { status: 503 }, { path: /statuses/ });
      gh.failNext(1, { rateLimit: 'secondary', retryAfter: 1 }, { path: /statuses/ });
      const problems = await postStatuses(await testClient(gh, TOKEN), [{ slug: 'acme/users', sha: sha('a') }], 'seamline/pr-fast', {
        state: 'success',
        description: '3 seams passed',
      });
      expect(problems).toEqual([]);
      expect(gh.statuses('acme/users', sha('a'))).toMatchObject([{ state: 'success', context: 'seamline/pr-fast', description: '3 seams passed' }]);
    });

    it('returns what could not be posted as a line without the token, instead of throwing', async () => {
      gh.failNext(10, { status: 502 }, { path: /statuses/ });
      const problems = await postStatuses(await testClient(gh, TOKEN), [{ slug: 'acme/users', sha: sha('a') }], 'seamline/pr-fast', {
        state: 'failure',
        description: 'x',
      });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^could not post failure status seamline\/pr-fast to acme\/users@aaaaaaaaaaaa: HTTP 502/);
      expect(problems[0]).not.toContain(TOKEN);
      // The token did travel, in the Authorization header only.
      expect(gh.requests[0].headers.authorization).toBe(`token ${TOKEN}`);
    });
  });

  describe('pull request heads', () => {
    it('accepts the head SHA and refuses the merge SHA or a stale head', async () => {
      const pull = gh.addPull('acme/users', { number: 12, headSha: sha('a') });
      const client = await testClient(gh);
      await expect(checkPullHead(client, 'acme/users', 12, sha('a'), 'payload.json')).resolves.toMatchObject({ headSha: sha('a') });
      await expect(checkPullHead(client, 'acme/users', 12, pull.merge_commit_sha!, 'payload.json')).rejects.toThrow(
        `payload.json: field "sha": ${pull.merge_commit_sha} is the PR's merge SHA; acme/users#12 head is ${sha('a')}; dispatch pull_request.head.sha`,
      );
      await expect(checkPullHead(client, 'acme/users', 12, sha('9'), 'payload.json')).rejects.toThrow('is not the PR head (a newer push?)');
    });
  });

  describe('a GitHub that does not answer, or fails', () => {
    const targets = [
      { slug: 'acme/users', sha: sha('a') },
      { slug: 'acme/users', sha: sha('b') },
    ];

    it('times out every attempt, retries a bounded number of times, then sends nothing more: the caller gets lines, not a hang', async () => {
      gh.failNext(100, { hang: true });
      const client = await testClient(gh, TOKEN, { timeoutMs: 150 });
      const problems = await postStatuses(client, targets, 'seamline/pr-fast', { state: 'pending', description: 'x' });
      const again = await postStatuses(client, targets, 'seamline/pr-fast', { state: 'failure', description: 'x' });
      // 3 attempts of 150 ms each; everything after that fails at once, without a request
      // (a hang would end the test at Jest's timeout instead).
      expect(gh.requests).toHaveLength(3);
      expect(problems).toEqual([
        'could not post pending status seamline/pr-fast to acme/users@aaaaaaaaaaaa: no answer within 150 ms after 3 attempts',
        'could not post pending status seamline/pr-fast to acme/users@bbbbbbbbbbbb: not sent: GitHub did not answer an earlier request within 150 ms',
      ]);
      expect(again).toHaveLength(2);
      expect(again.every((p) => p.includes('not sent: GitHub did not answer'))).toBe(true);
    });

    it('a GitHub that refuses connections costs one request’s attempts; later requests fail at once, and each failure is one line', async () => {
      const { createServer } = await import('node:http');
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as { port: number }).port;
      await new Promise((resolve) => closed.close(resolve));
      const said: string[] = [];
      for (const level of ['error', 'warn', 'info'] as const) jest.spyOn(logger, level).mockImplementation((m) => void said.push(String(m)));
      try {
        const client = await testClient(gh, TOKEN, { baseUrl: `http://127.0.0.1:${port}` });
        const problems = await postStatuses(client, targets, 'seamline/pr-fast', { state: 'pending', description: 'x' });
        const again = await postStatuses(client, targets, 'seamline/pr-fast', { state: 'failure', description: 'x' });
        expect(problems).toEqual([
          `could not post pending status seamline/pr-fast to acme/users@aaaaaaaaaaaa: cannot connect to 127.0.0.1:${port} (ECONNREFUSED) after 3 attempts`,
          `could not post pending status seamline/pr-fast to acme/users@bbbbbbbbbbbb: not sent: GitHub could not be reached by an earlier request: cannot connect to 127.0.0.1:${port} (ECONNREFUSED)`,
        ]);
        expect(again.every((p) => p.includes('not sent: GitHub could not be reached'))).toBe(true);
        // Octokit's own per-request lines (`POST /repos/... - 500 with id UNKNOWN in 3ms`) would repeat the above.
        expect(said).toEqual([]);
      } finally {
        jest.restoreAllMocks();
      }
    });

    it('catches a server that answers the headers and then stalls in the body', async () => {
      const { createServer } = await import('node:http');
      const server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const port = (server.address() as { port: number }).port;
        const client = await testClient(gh, TOKEN, { timeoutMs: 150, baseUrl: `http://127.0.0.1:${port}`, retries: 0 });
        const error = await client.rest.repos.get({ owner: 'acme', repo: 'users' }).catch((e: unknown) => e);
        expect(describeGitHubError(error)).toBe('no answer within 150 ms');
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('names what it was doing and what GitHub answered, after how many attempts', async () => {
      gh.addPull('acme/users', { number: 5, headSha: sha('a') });
      gh.failNext(3, { status: 502 });
      await expect(checkPullHead(await testClient(gh), 'acme/users', 5, sha('a'), 'payload.json')).rejects.toThrow(
        /^GitHub: reading acme\/users#5: HTTP 502 Bad Gateway after 3 attempts$/,
      );
      await expect(checkPullHead(await testClient(gh), 'acme/users', 404, sha('a'), 'payload.json')).rejects.toThrow(
        /^GitHub: reading acme\/users#404: HTTP 404 Not Found$/,
      );
    });

    it('reads SEAMLINE_GITHUB_TIMEOUT_MS, ignoring what is not a positive integer', () => {
      expect(githubTimeoutFromEnv({ SEAMLINE_GITHUB_TIMEOUT_MS: '500' })).toBe(500);
      expect(githubTimeoutFromEnv({ SEAMLINE_GITHUB_TIMEOUT_MS: '0' })).toBeUndefined();
      expect(githubTimeoutFromEnv({ SEAMLINE_GITHUB_TIMEOUT_MS: 'soon' })).toBeUndefined();
      expect(githubTimeoutFromEnv({})).toBeUndefined();
    });
  });

  describe('failure issues', () => {
    it('opens one issue per failing manifest, comments on repeats, and closes them when full passes', async () => {
      const client = await testClient(gh);
      const first = await reportFullFailure(client, 'acme/integration', {
        results: failing('f', 'full-1'),
        manifestFile: 'm.yaml',
        bisect: 'culprit: schema bbbb',
      });
      const again = await reportFullFailure(client, 'acme/integration', { results: failing('f', 'full-2'), manifestFile: 'm.yaml' });
      expect(first.action).toBe('opened');
      expect(again).toMatchObject({ action: 'commented', number: first.number });
      const other = await reportFullFailure(client, 'acme/integration', { results: failing('e', 'full-3'), manifestFile: 'm.yaml' });
      expect(other.action).toBe('opened');

      const issues = gh.issues('acme/integration');
      expect(issues).toHaveLength(2);
      expect(issues.find((i) => i.number === first.number)).toMatchObject({
        state: 'open',
        title: 'Seamline full failed: users-schema (manifest ffffffffffff)',
        labels: [{ name: 'seamline-failure' }],
      });
      expect(issues.find((i) => i.number === first.number)!.body).toContain('culprit: schema bbbb');
      expect(gh.comments('acme/integration', first.number).map((c) => c.body)).toEqual([expect.stringContaining('Failed again with the same tuple')]);

      const closed = await closeFullFailures(client, 'acme/integration', { ...failing('d', 'full-4'), verdict: 'pass', reason: '1 seam passed' });
      expect(closed.sort()).toEqual([first.number, other.number].sort());
      expect(gh.issues('acme/integration').every((i) => i.state === 'closed')).toBe(true);
      // Closed issues are not reused: the same failure later opens a new one.
      expect((await reportFullFailure(client, 'acme/integration', { results: failing('f', 'full-5'), manifestFile: 'm.yaml' })).action).toBe('opened');
    });
  });
});
