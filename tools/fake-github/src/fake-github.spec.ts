import Bottleneck from 'bottleneck';
import { startFakeGitHub, type FakeGitHub, type PullData } from './fake-github';

/**
 * The fake is driven with the real Octokit the plugin ships (rest + retry +
 * throttling): if Octokit accepts its answers, pagination, errors and
 * rate-limit replies, code written against the fake will work against GitHub.
 */
const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

async function octokitFor(gh: FakeGitHub, auth?: string, retryOptions: { doNotRetry?: number[] } = {}) {
  const { Octokit } = await import('@octokit/rest');
  const { retry } = await import('@octokit/plugin-retry');
  const { throttling } = await import('@octokit/plugin-throttling');
  const onRateLimit = jest.fn((_after: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 2);
  const onSecondaryRateLimit = jest.fn((_after: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < 2);
  // The plugins wait seconds between tries and pace writes (1 s), searches (2 s) and
  // notifying writes such as issues and comments (3 s);
  // a 10 ms base and unpaced groups keep the same logic but make the suite fast.
  const unpaced = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  const octokit = new (Octokit.plugin(retry, throttling))({
    baseUrl: gh.url,
    auth,
    log: quiet,
    retry: { retries: 2, retryAfterBaseValue: 10, ...retryOptions },
    throttle: { onRateLimit, onSecondaryRateLimit, retryAfterBaseValue: 10, write: unpaced(), search: unpaced(), notifications: unpaced() },
  });
  return { octokit, onRateLimit, onSecondaryRateLimit };
}

/** The status of a rejected Octokit call, or 'resolved'. */
async function statusOf(promise: Promise<unknown>): Promise<number | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe('fake GitHub', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await startFakeGitHub();
    gh.addRepo('acme/users');
  });
  afterEach(() => gh.close());

  describe('repositories and pull requests', () => {
    it('serves the repository', async () => {
      const { octokit } = await octokitFor(gh);
      const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'users' });
      expect(data).toMatchObject({ full_name: 'acme/users', default_branch: 'main', owner: { login: 'acme' }, url: `${gh.url}/repos/acme/users` });
    });

    it('serves a pull request with its head SHA distinct from the merge commit', async () => {
      gh.addPull('acme/users', { number: 7, title: 'Add users', body: 'closes #3', labels: ['seam'], headSha: SHA_A, headRef: 'feat/users' });
      const { octokit } = await octokitFor(gh);
      const { data } = await octokit.rest.pulls.get({ owner: 'acme', repo: 'users', pull_number: 7 });
      expect(data).toMatchObject({
        number: 7,
        title: 'Add users',
        body: 'closes #3',
        state: 'open',
        merged: false,
        head: { sha: SHA_A, ref: 'feat/users', repo: { full_name: 'acme/users' } },
        base: { ref: 'main' },
        labels: [{ name: 'seam' }],
      });
      expect(data.merge_commit_sha).toMatch(/^[0-9a-f]{40}$/);
      expect(data.merge_commit_sha).not.toBe(SHA_A);
      expect(gh.pull('acme/users', 7)).toEqual(data);
    });

    it('marks merged pull requests closed, and takes fork heads from another repository', async () => {
      gh.addRepo('someone/users');
      gh.addPull('acme/users', { number: 1, headSha: SHA_A, merged: true });
      gh.addPull('acme/users', { number: 2, headSha: SHA_B, headRepo: 'someone/users', headRef: 'patch' });
      const { octokit } = await octokitFor(gh);
      const merged = (await octokit.rest.pulls.get({ owner: 'acme', repo: 'users', pull_number: 1 })).data;
      expect(merged).toMatchObject({ state: 'closed', merged: true });
      expect(merged.merged_at).not.toBeNull();
      const fork = (await octokit.rest.pulls.get({ owner: 'acme', repo: 'users', pull_number: 2 })).data;
      expect(fork.head).toMatchObject({ label: 'someone:patch', repo: { full_name: 'someone/users' } });
      const open = await octokit.rest.pulls.list({ owner: 'acme', repo: 'users' });
      expect(open.data.map((p) => p.number)).toEqual([2]);
      const all = await octokit.rest.pulls.list({ owner: 'acme', repo: 'users', state: 'all' });
      expect(all.data.map((p) => p.number)).toEqual([2, 1]);
    });

    it('paginates pull requests with GitHub Link headers', async () => {
      for (let n = 1; n <= 250; n++) gh.addPull('acme/users', { number: n, headSha: SHA_A });
      const { octokit } = await octokitFor(gh);
      const pulls = await octokit.paginate(octokit.rest.pulls.list, { owner: 'acme', repo: 'users', per_page: 100 });
      expect(pulls.map((p) => p.number)).toEqual(Array.from({ length: 250 }, (_, i) => 250 - i));
      const pages = gh.requests.filter((r) => r.path === '/repos/acme/users/pulls');
      expect(pages.map((r) => r.query.page)).toEqual([undefined, '2', '3']);

      const middle = await octokit.rest.pulls.list({ owner: 'acme', repo: 'users', per_page: 100, page: 2 });
      const at = (page: number) => `<${gh.url}/repos/acme/users/pulls?per_page=100&page=${page}>`;
      expect(middle.headers.link).toBe(`${at(1)}; rel="prev", ${at(3)}; rel="next", ${at(3)}; rel="last", ${at(1)}; rel="first"`);
    });

    it('answers 404 with GitHub error bodies for unknown pulls, repositories and routes', async () => {
      gh.addIssue('acme/users', { number: 1 });
      const { octokit } = await octokitFor(gh);
      await expect(octokit.rest.pulls.get({ owner: 'acme', repo: 'users', pull_number: 1 })).rejects.toMatchObject({
        name: 'HttpError',
        status: 404,
        response: { data: { message: 'Not Found', documentation_url: expect.stringContaining('docs.github.com') } },
      });
      expect(await statusOf(octokit.rest.repos.get({ owner: 'acme', repo: 'nope' }))).toBe(404);
      expect(await statusOf(octokit.request('GET /no/such/route'))).toBe(404);
    });
  });

  describe('commit statuses', () => {
    it('records statuses on a SHA and lists them newest first', async () => {
      const { octokit } = await octokitFor(gh);
      const created = await octokit.rest.repos.createCommitStatus({
        owner: 'acme',
        repo: 'users',
        sha: SHA_A,
        state: 'pending',
        context: 'seamline/api',
        target_url: 'https://ci.example/1',
      });
      expect(created.status).toBe(201);
      expect(created.data).toMatchObject({ state: 'pending', context: 'seamline/api', target_url: 'https://ci.example/1', creator: { login: 'seamline-bot' } });
      await octokit.rest.repos.createCommitStatus({ owner: 'acme', repo: 'users', sha: SHA_A, state: 'success' });
      const listed = await octokit.rest.repos.listCommitStatusesForRef({ owner: 'acme', repo: 'users', ref: SHA_A });
      expect(listed.data.map((s) => [s.context, s.state])).toEqual([
        ['default', 'success'],
        ['seamline/api', 'pending'],
      ]);
      expect(gh.statuses('acme/users', SHA_A)).toEqual(listed.data);
      expect(gh.statuses('acme/users', SHA_B)).toEqual([]);
    });

    it('combines the latest status of each context like GitHub', async () => {
      const { octokit } = await octokitFor(gh);
      const post = (state: 'pending' | 'success' | 'failure' | 'error', context: string) =>
        octokit.rest.repos.createCommitStatus({ owner: 'acme', repo: 'users', sha: SHA_A, state, context });
      const combined = async () => (await octokit.rest.repos.getCombinedStatusForRef({ owner: 'acme', repo: 'users', ref: SHA_A })).data;

      expect(await combined()).toMatchObject({ state: 'pending', total_count: 0, statuses: [], sha: SHA_A });
      await post('success', 'a');
      await post('pending', 'b');
      expect(await combined()).toMatchObject({ state: 'pending', total_count: 2 });
      await post('success', 'b');
      expect(await combined()).toMatchObject({ state: 'success', total_count: 2, statuses: [{ context: 'a' }, { context: 'b', state: 'success' }] });
      await post('error', 'c');
      expect((await combined()).state).toBe('failure');
      await post('success', 'c');
      await post('failure', 'a');
      expect((await combined()).state).toBe('failure');
      await post('success', 'a');
      expect(await combined()).toMatchObject({ state: 'success', total_count: 3, repository: { full_name: 'acme/users' } });
    });

    it('resolves a pull request head branch to its head SHA', async () => {
      gh.addPull('acme/users', { number: 4, headSha: SHA_B, headRef: 'feat/x' });
      const { octokit } = await octokitFor(gh);
      await octokit.rest.repos.createCommitStatus({ owner: 'acme', repo: 'users', sha: SHA_B, state: 'success', context: 'seam' });
      const { data } = await octokit.rest.repos.getCombinedStatusForRef({ owner: 'acme', repo: 'users', ref: 'feat/x' });
      expect(data).toMatchObject({ sha: SHA_B, state: 'success' });
    });

    it('rejects invalid statuses with 422 Validation Failed', async () => {
      const { octokit } = await octokitFor(gh);
      const error = await octokit
        .request('POST /repos/{owner}/{repo}/statuses/{sha}', { owner: 'acme', repo: 'users', sha: SHA_A, state: 'green' as 'success' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'HttpError',
        status: 422,
        response: { data: { message: 'Validation Failed', errors: [{ resource: 'Status', field: 'state', code: 'invalid' }] } },
      });
      const long = 'x'.repeat(141);
      expect(await statusOf(octokit.rest.repos.createCommitStatus({ owner: 'acme', repo: 'users', sha: SHA_A, state: 'success', description: long }))).toBe(
        422,
      );
      expect(
        await statusOf(octokit.rest.repos.createCommitStatus({ owner: 'acme', repo: 'users', sha: SHA_A, state: 'success', description: long.slice(1) })),
      ).toBe('resolved');
      expect(await statusOf(octokit.rest.repos.createCommitStatus({ owner: 'acme', repo: 'users', sha: 'main', state: 'success' }))).toBe(422);
      expect(await statusOf(octokit.rest.repos.getCombinedStatusForRef({ owner: 'acme', repo: 'users', ref: 'no-such-branch' }))).toBe(422);
    });
  });

  describe('issues and comments', () => {
    it('creates, lists, patches and comments on issues, numbered with the pull requests', async () => {
      gh.addPull('acme/users', { number: 1, headSha: SHA_A });
      const { octokit } = await octokitFor(gh);
      const created = await octokit.rest.issues.create({ owner: 'acme', repo: 'users', title: 'Seam broke', body: 'details', labels: ['seamline', 'bisect'] });
      expect(created.status).toBe(201);
      expect(created.data).toMatchObject({
        number: 2,
        state: 'open',
        title: 'Seam broke',
        user: { login: 'seamline-bot' },
        labels: [{ name: 'seamline' }, { name: 'bisect' }],
      });
      expect(created.data.pull_request).toBeUndefined();
      await octokit.rest.issues.create({ owner: 'acme', repo: 'users', title: 'Other', labels: ['seamline'] });

      const labelled = await octokit.rest.issues.listForRepo({ owner: 'acme', repo: 'users', labels: 'seamline,bisect' });
      expect(labelled.data.map((i) => i.number)).toEqual([2]);
      const everything = await octokit.rest.issues.listForRepo({ owner: 'acme', repo: 'users' });
      expect(everything.data.map((i) => [i.number, !!i.pull_request])).toEqual([
        [3, false],
        [2, false],
        [1, true],
      ]);

      const closed = await octokit.rest.issues.update({
        owner: 'acme',
        repo: 'users',
        issue_number: 2,
        state: 'closed',
        state_reason: 'not_planned',
        body: 'fixed elsewhere',
      });
      expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'not_planned', body: 'fixed elsewhere' });
      expect(closed.data.closed_at).not.toBeNull();
      const open = await octokit.rest.issues.listForRepo({ owner: 'acme', repo: 'users', labels: 'seamline' });
      expect(open.data.map((i) => i.number)).toEqual([3]);
      const reopened = await octokit.rest.issues.update({ owner: 'acme', repo: 'users', issue_number: 2, state: 'open' });
      expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });

      const comment = await octokit.rest.issues.createComment({ owner: 'acme', repo: 'users', issue_number: 2, body: 'bisected to abc' });
      expect(comment.status).toBe(201);
      await octokit.rest.issues.createComment({ owner: 'acme', repo: 'users', issue_number: 2, body: 'second' });
      const comments = await octokit.rest.issues.listComments({ owner: 'acme', repo: 'users', issue_number: 2 });
      expect(comments.data.map((c) => c.body)).toEqual(['bisected to abc', 'second']);
      expect((await octokit.rest.issues.get({ owner: 'acme', repo: 'users', issue_number: 2 })).data.comments).toBe(2);

      expect(gh.issues('acme/users').map((i) => i.number)).toEqual([3, 2]);
      expect(gh.comments('acme/users', 2)).toEqual(comments.data);
    });

    it('rejects an issue without a title, and comments on a missing issue', async () => {
      const { octokit } = await octokitFor(gh);
      const error = await octokit.request('POST /repos/acme/users/issues', { body: 'no title' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 422, response: { data: { message: 'Validation Failed', errors: [{ field: 'title', code: 'missing_field' }] } } });
      expect(await statusOf(octokit.rest.issues.createComment({ owner: 'acme', repo: 'users', issue_number: 99, body: 'x' }))).toBe(404);
    });

    it('rejects a title over 256 characters and a body over 65,536, as GitHub does', async () => {
      const { octokit } = await octokitFor(gh);
      const create = (title: string, body?: string) => octokit.rest.issues.create({ owner: 'acme', repo: 'users', title, body });
      const error = await create('t'.repeat(257)).catch((e: unknown) => e);
      expect(error).toMatchObject({
        status: 422,
        response: { data: { errors: [{ field: 'title', message: 'title is too long (maximum is 256 characters)' }] } },
      });
      expect(await statusOf(create('t'.repeat(256)))).toBe('resolved');
      expect(await statusOf(create('t', 'b'.repeat(65_537)))).toBe(422);
      const { data } = await create('t', 'b'.repeat(65_536));
      expect(await statusOf(octokit.rest.issues.update({ owner: 'acme', repo: 'users', issue_number: data.number, title: 'u'.repeat(257) }))).toBe(422);
      expect(gh.issues('acme/users').map((i) => i.title.length)).toEqual([1, 256]);
    });
  });

  describe('search', () => {
    beforeEach(() => {
      gh.addRepo('acme/orders');
      gh.addRepo('other/users');
      gh.addPull('acme/users', { number: 1, title: 'Rename user id', labels: ['seam'], headSha: SHA_A });
      gh.addIssue('acme/users', { number: 2, title: 'Seam failed: users x orders', body: 'tuple abc', labels: ['seamline', 'known bad'] });
      gh.addPull('acme/orders', { number: 1, title: 'Bump users client', body: 'needs acme/users#1', headSha: SHA_B, merged: true });
      gh.addIssue('other/users', { number: 1, title: 'Seam failed elsewhere', labels: ['seamline'] });
    });

    const search = async (q: string) => {
      const { octokit } = await octokitFor(gh);
      const { data } = await octokit.rest.search.issuesAndPullRequests({ q });
      return data.items.map((i) => i.html_url.replace(`${gh.url}/`, ''));
    };

    it('filters by type, state, labels, repositories, owners and words', async () => {
      expect(await search('is:pr repo:acme/users repo:acme/orders')).toEqual(['acme/orders/pull/1', 'acme/users/pull/1']);
      expect(await search('is:pr is:open org:acme')).toEqual(['acme/users/pull/1']);
      expect(await search('is:pr is:merged')).toEqual(['acme/orders/pull/1']);
      expect(await search('is:issue label:seamline')).toEqual(['other/users/issues/1', 'acme/users/issues/2']);
      expect(await search('label:"known bad" state:open')).toEqual(['acme/users/issues/2']);
      expect(await search('is:issue label:seamline -repo:other/users')).toEqual(['acme/users/issues/2']);
      expect(await search('"seam failed" user:other')).toEqual(['other/users/issues/1']);
      expect(await search('seam orders')).toEqual(['acme/users/issues/2']);
      expect(await search('"acme/users#1"')).toEqual(['acme/orders/pull/1']);
    });

    it('shapes items like GitHub search results', async () => {
      const { octokit } = await octokitFor(gh);
      const { data } = await octokit.rest.search.issuesAndPullRequests({ q: 'repo:acme/users' });
      expect(data).toMatchObject({ total_count: 2, incomplete_results: false });
      const [issue, pull] = data.items;
      expect(issue).toMatchObject({ number: 2, repository_url: `${gh.url}/repos/acme/users`, score: 1 });
      expect(issue.pull_request).toBeUndefined();
      expect(pull.pull_request).toMatchObject({ url: `${gh.url}/repos/acme/users/pulls/1` });
    });

    it('paginates search results', async () => {
      for (let n = 10; n < 260; n++) gh.addIssue('acme/orders', { number: n, labels: ['bulk'] });
      const { octokit } = await octokitFor(gh);
      const items = await octokit.paginate('GET /search/issues', { q: 'label:bulk', per_page: 100 });
      expect(items).toHaveLength(250);
      expect(new Set(items.map((i) => i.number)).size).toBe(250);
      expect(gh.requests.filter((r) => r.path === '/search/issues').map((r) => r.query.page)).toEqual([undefined, '2', '3']);
    });

    it('rejects a missing query and qualifiers it does not model with 422', async () => {
      const { octokit } = await octokitFor(gh);
      expect(await statusOf(octokit.rest.search.issuesAndPullRequests({ q: '' }))).toBe(422);
      const error = await octokit.rest.search.issuesAndPullRequests({ q: 'is:pr review:approved' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 422, response: { data: { errors: [{ message: expect.stringContaining('review:approved') }] } } });
    });
  });

  describe('authentication', () => {
    it('answers 401 Bad credentials without the required token', async () => {
      gh.requireToken('s3cret');
      const anonymous = (await octokitFor(gh)).octokit;
      await expect(anonymous.rest.repos.get({ owner: 'acme', repo: 'users' })).rejects.toMatchObject({
        status: 401,
        response: { data: { message: 'Bad credentials' } },
      });
      expect(await statusOf((await octokitFor(gh, 'wrong')).octokit.rest.repos.get({ owner: 'acme', repo: 'users' }))).toBe(401);
      expect(await statusOf((await octokitFor(gh, 's3cret')).octokit.rest.repos.get({ owner: 'acme', repo: 'users' }))).toBe('resolved');
      const bearer = anonymous.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'users', headers: { authorization: 'Bearer s3cret' } });
      expect(await statusOf(bearer)).toBe('resolved');
      expect(gh.requests.filter((r) => r.status === 401)).toHaveLength(2);
    });
  });

  describe('faults', () => {
    const getRepo = (octokit: Awaited<ReturnType<typeof octokitFor>>['octokit']) => octokit.rest.repos.get({ owner: 'acme', repo: 'users' });

    it('a hang is read and recorded but never answered, until the client gives up; the next request is served', async () => {
      gh.failNext(1, { hang: true });
      const { octokit } = await octokitFor(gh);
      const started = Date.now();
      const hung = octokit.rest.repos.get({ owner: 'acme', repo: 'users', request: { signal: AbortSignal.timeout(300) } });
      // Octokit wraps fetch's TimeoutError in a RequestError with status 500 (retried: the spent signal aborts each retry at once).
      expect(await statusOf(hung)).toBe(500);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(gh.requests.map((r) => [r.path, r.status])).toEqual([['/repos/acme/users', undefined]]);
      expect((await getRepo(octokit)).status).toBe(200);
    });

    it('a 500 is retried by plugin-retry', async () => {
      gh.failNext(1, { status: 500 });
      const { octokit } = await octokitFor(gh);
      expect((await getRepo(octokit)).status).toBe(200);
      expect(gh.requests.map((r) => r.status)).toEqual([500, 200]);
    });

    it('gives up after the configured retries', async () => {
      gh.failNext(3, { status: 502 });
      const { octokit } = await octokitFor(gh);
      expect(await statusOf(getRepo(octokit))).toBe(502);
      expect(gh.requests.map((r) => r.status)).toEqual([502, 502, 502]);
      expect((await getRepo(octokit)).status).toBe(200);
    });

    it('a primary rate limit is waited out by plugin-throttling', async () => {
      gh.failNext(1, { rateLimit: 'primary' });
      const { octokit, onRateLimit } = await octokitFor(gh);
      expect((await getRepo(octokit)).status).toBe(200);
      expect(onRateLimit).toHaveBeenCalledTimes(1);
      expect(gh.requests.map((r) => r.status)).toEqual([403, 200]);
    });

    it('a secondary rate limit (403 with retry-after) is waited out by plugin-throttling', async () => {
      gh.failNext(1, { rateLimit: 'secondary', retryAfter: 1 });
      const { octokit, onSecondaryRateLimit } = await octokitFor(gh);
      expect((await getRepo(octokit)).status).toBe(200);
      expect(onSecondaryRateLimit.mock.calls.map((c) => [c[0], c[3]])).toEqual([[1, 0]]);
      expect(gh.requests.map((r) => r.status)).toEqual([403, 200]);
    });

    // Octokit.plugin(retry, throttling) runs plugin-retry inside plugin-throttling, and 429
    // is not in plugin-retry's default doNotRetry: plugin-retry retries it first, on its own
    // backoff, without reading retry-after. Adding 429 to doNotRetry hands it to throttling.
    it('a 429 is retried by plugin-retry unless doNotRetry hands it to plugin-throttling', async () => {
      gh.failNext(1, { status: 429, retryAfter: 1 });
      const byRetry = await octokitFor(gh);
      expect((await getRepo(byRetry.octokit)).status).toBe(200);
      expect(byRetry.onSecondaryRateLimit).not.toHaveBeenCalled();

      gh.failNext(1, { status: 429, retryAfter: 1 });
      const byThrottling = await octokitFor(gh, undefined, { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] });
      expect((await getRepo(byThrottling.octokit)).status).toBe(200);
      expect(byThrottling.onSecondaryRateLimit.mock.calls.map((c) => c[0])).toEqual([1]);
      expect(gh.requests.map((r) => r.status)).toEqual([429, 200, 429, 200]);
    });

    it('a rate limit the handler declines to wait for surfaces as 403', async () => {
      gh.failNext(3, { rateLimit: 'primary' });
      const { octokit, onRateLimit } = await octokitFor(gh);
      expect(await statusOf(getRepo(octokit))).toBe(403);
      expect(onRateLimit).toHaveBeenCalledTimes(3);
    });

    it('a scoped fault hits only matching requests', async () => {
      gh.failNext(1, { status: 503 }, { path: /\/statuses\// });
      const { octokit } = await octokitFor(gh);
      await getRepo(octokit);
      await octokit.rest.repos.createCommitStatus({ owner: 'acme', repo: 'users', sha: SHA_A, state: 'success' });
      expect(gh.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        'GET /repos/acme/users 200',
        `POST /repos/acme/users/statuses/${SHA_A} 503`,
        `POST /repos/acme/users/statuses/${SHA_A} 201`,
      ]);
    });
  });

  it('logs method, path, query, headers and body of every request', async () => {
    const { octokit } = await octokitFor(gh, 'tok');
    await octokit.rest.repos.createCommitStatus({ owner: 'acme', repo: 'users', sha: SHA_A, state: 'failure', description: 'seam users x orders' });
    await octokit.rest.issues.listForRepo({ owner: 'acme', repo: 'users', state: 'all', per_page: 5 });
    expect(gh.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/repos/acme/users/statuses/${SHA_A}`,
        query: {},
        headers: expect.objectContaining({ authorization: 'token tok', 'user-agent': expect.stringContaining('octokit') }),
        body: { state: 'failure', description: 'seam users x orders' },
        status: 201,
      }),
      expect.objectContaining({ method: 'GET', path: '/repos/acme/users/issues', query: { state: 'all', per_page: '5' }, body: undefined, status: 200 }),
    ]);
  });

  it('closes while Octokit still holds keep-alive connections', async () => {
    const { octokit } = await octokitFor(gh);
    await octokit.rest.repos.get({ owner: 'acme', repo: 'users' });
    await gh.close();
    await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'users' })).rejects.toThrow();
    gh = await startFakeGitHub(); // for afterEach
  });

  it('types payloads strictly: a pull request without `merged` is not PullData', () => {
    const { merged: _merged, ...withoutMerged } = gh.addPull('acme/users', { headSha: SHA_A });
    // @ts-expect-error -- the compile-time guarantee the factories rely on
    const incomplete: PullData = withoutMerged;
    expect(incomplete).not.toHaveProperty('merged');
  });
});
