import type { Endpoints } from '@octokit/types';
import { notFound, validationFailed } from './api-error';
import type { FakeGitHubState } from './fake-github-state';
import {
  combinedStatusData,
  issueCommentData,
  issueData,
  pullData,
  pullListItemData,
  repoData,
  searchIssuesData,
  searchItemData,
  statusData,
} from './github-objects';
import { paginate } from './pagination';
import type { IssueRecord, RepoRecord } from './records';
import { jsonObject, optionalEnum, optionalLabels, optionalString, requiredString } from './request-body';
import { parseSearchQuery } from './search-query';

/**
 * The endpoints the fake serves. Each route is declared by its @octokit/types
 * endpoint key, which both gives the URL template and types the handler's
 * payload: returning the wrong shape for an endpoint does not compile.
 */
type EndpointData<E extends keyof Endpoints> = Endpoints[E]['response']['data'];

export interface RouteRequest {
  params: Record<string, string>;
  url: URL;
  body: unknown;
}

export interface RouteResult<D> {
  data: D;
  status?: number;
  /** The Link header, for paginated lists. */
  link?: string;
}

export interface Route {
  method: string;
  pattern: RegExp;
  handle(request: RouteRequest): RouteResult<unknown>;
}

function route<E extends keyof Endpoints>(endpoint: E, handle: (request: RouteRequest) => RouteResult<EndpointData<E>>): Route {
  const [method, template] = endpoint.split(' ');
  const pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);
  return { method, pattern, handle };
}

const STATUS_STATES = ['pending', 'success', 'failure', 'error'] as const;
const STATE_REASONS = ['completed', 'not_planned', 'reopened', 'duplicate'] as const;

export function createRoutes(state: FakeGitHubState, base: string): Route[] {
  const repoOf = (p: Record<string, string>) => state.repo(p.owner, p.repo);
  const byName = (fullName: string) => state.seededRepo(fullName);
  const commentCount = (repo: RepoRecord, n: number) => state.comments(repo, n).length;
  const issueOf = (repo: RepoRecord, raw: string) => state.issue(repo, issueNumber(raw));
  const pullOf = (repo: RepoRecord, raw: string) => {
    const issue = issueOf(repo, raw);
    if (!issue.pull) throw notFound();
    return { issue, pull: issue.pull };
  };

  return [
    route('GET /repos/{owner}/{repo}', ({ params }) => ({ data: repoData(base, repoOf(params)) })),

    route('GET /repos/{owner}/{repo}/pulls', ({ params, url }) => {
      const repo = repoOf(params);
      const wanted = listState(url, 'PullRequest');
      const head = url.searchParams.get('head'); // "owner:branch"
      const baseRef = url.searchParams.get('base');
      const pulls = newestFirst(repo, url)
        .flatMap((issue) => (issue.pull && matchesState(issue, wanted) ? [{ issue, pull: issue.pull }] : []))
        .filter(({ pull }) => (!head || `${byName(pull.headRepo).owner}:${pull.headRef}` === head) && (!baseRef || pull.baseRef === baseRef));
      const page = paginate(pulls, url);
      return { data: page.items.map(({ issue, pull }) => pullListItemData(base, byName, repo, issue, pull)), link: page.link };
    }),

    route('GET /repos/{owner}/{repo}/pulls/{pull_number}', ({ params }) => {
      const repo = repoOf(params);
      const { issue, pull } = pullOf(repo, params.pull_number);
      return { data: pullData(base, byName, repo, issue, pull, commentCount(repo, issue.number)) };
    }),

    route('POST /repos/{owner}/{repo}/statuses/{sha}', ({ params, body }) => {
      const repo = repoOf(params);
      const input = jsonObject(body, 'Status');
      const statusState = optionalEnum(input, 'state', 'Status', STATUS_STATES);
      if (!statusState) throw validationFailed({ resource: 'Status', field: 'state', code: 'missing_field' });
      const description = optionalString(input, 'description', 'Status') ?? null;
      if (description !== null && description.length > 140) {
        throw validationFailed({ resource: 'Status', field: 'description', code: 'custom', message: 'description is too long (maximum is 140 characters)' });
      }
      const status = state.addStatus(repo, params.sha, {
        state: statusState,
        description,
        targetUrl: optionalString(input, 'target_url', 'Status') ?? null,
        context: optionalString(input, 'context', 'Status') || 'default',
      });
      return { status: 201, data: statusData(base, repo, status) };
    }),

    route('GET /repos/{owner}/{repo}/commits/{ref}/statuses', ({ params, url }) => {
      const repo = repoOf(params);
      const page = paginate(state.statuses(repo, state.resolveRef(repo, params.ref)), url);
      return { data: page.items.map((s) => statusData(base, repo, s)), link: page.link };
    }),

    route('GET /repos/{owner}/{repo}/commits/{ref}/status', ({ params, url }) => {
      const repo = repoOf(params);
      const sha = state.resolveRef(repo, params.ref);
      const latest = state.latestStatuses(repo, sha);
      const page = paginate(latest, url, { defaultPerPage: 100 });
      return { data: combinedStatusData(base, repo, sha, page.items, latest.length), link: page.link };
    }),

    route('POST /repos/{owner}/{repo}/issues', ({ params, body }) => {
      const repo = repoOf(params);
      const input = jsonObject(body, 'Issue');
      const issue = state.addIssue(repo, {
        title: checkedIssueText('title', requiredString(input, 'title', 'Issue')),
        body: checkedIssueText('body', optionalString(input, 'body', 'Issue')) ?? null,
        labels: optionalLabels(input, 'Issue'),
        user: state.viewer,
      });
      return { status: 201, data: issueData(base, repo, issue, 0) };
    }),

    route('GET /repos/{owner}/{repo}/issues', ({ params, url }) => {
      const repo = repoOf(params);
      const wanted = listState(url, 'Issue');
      const labels = url.searchParams.get('labels')?.split(',').filter(Boolean) ?? [];
      // GitHub lists pull requests here too: every PR is an issue.
      const issues = newestFirst(repo, url).filter((i) => matchesState(i, wanted) && labels.every((l) => i.labels.includes(l)));
      const page = paginate(issues, url);
      return { data: page.items.map((i) => issueData(base, repo, i, commentCount(repo, i.number))), link: page.link };
    }),

    route('GET /repos/{owner}/{repo}/issues/{issue_number}', ({ params }) => {
      const repo = repoOf(params);
      const issue = issueOf(repo, params.issue_number);
      return { data: issueData(base, repo, issue, commentCount(repo, issue.number)) };
    }),

    route('PATCH /repos/{owner}/{repo}/issues/{issue_number}', ({ params, body }) => {
      const repo = repoOf(params);
      const issue = issueOf(repo, params.issue_number);
      const input = jsonObject(body, 'Issue');
      const title = optionalString(input, 'title', 'Issue');
      if (title === null) throw validationFailed({ resource: 'Issue', field: 'title', code: 'missing_field' });
      state.updateIssue(issue, {
        title: checkedIssueText('title', title),
        body: checkedIssueText('body', optionalString(input, 'body', 'Issue')),
        state: optionalEnum(input, 'state', 'Issue', ['open', 'closed'] as const) ?? undefined,
        stateReason: optionalEnum(input, 'state_reason', 'Issue', STATE_REASONS),
        labels: optionalLabels(input, 'Issue'),
      });
      return { data: issueData(base, repo, issue, commentCount(repo, issue.number)) };
    }),

    route('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', ({ params, body }) => {
      const repo = repoOf(params);
      const issue = issueOf(repo, params.issue_number);
      const comment = state.addComment(repo, issue, requiredString(jsonObject(body, 'IssueComment'), 'body', 'IssueComment'));
      return { status: 201, data: issueCommentData(base, repo, comment) };
    }),

    route('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', ({ params, url }) => {
      const repo = repoOf(params);
      const issue = issueOf(repo, params.issue_number);
      const page = paginate(state.comments(repo, issue.number), url);
      return { data: page.items.map((c) => issueCommentData(base, repo, c)), link: page.link };
    }),

    route('GET /search/issues', ({ url }) => {
      const q = url.searchParams.get('q');
      if (!q?.trim()) throw validationFailed({ resource: 'Search', field: 'q', code: 'missing' });
      const matches = parseSearchQuery(q);
      const found = state
        .allRepos()
        .flatMap((repo) => [...repo.issues.values()].map((issue) => ({ repo, issue })))
        .filter(({ repo, issue }) =>
          matches({
            repo: repo.fullName,
            owner: repo.owner,
            isPull: !!issue.pull,
            state: issue.state,
            merged: !!issue.pull?.merged,
            labels: issue.labels,
            author: issue.user,
            title: issue.title,
            body: issue.body ?? '',
          }),
        )
        .sort((a, b) => b.issue.id - a.issue.id);
      // GitHub counts every match but serves only the first 1000.
      const page = paginate(found.slice(0, 1000), url);
      return {
        data: searchIssuesData(
          found.length,
          page.items.map(({ repo, issue }) => searchItemData(base, repo, issue, commentCount(repo, issue.number))),
        ),
        link: page.link,
      };
    }),
  ];
}

function issueNumber(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) throw notFound();
  return n;
}

type ListState = 'open' | 'closed' | 'all';

function listState(url: URL, resource: string): ListState {
  const value = url.searchParams.get('state') ?? 'open';
  if (value !== 'open' && value !== 'closed' && value !== 'all') throw validationFailed({ resource, field: 'state', code: 'invalid' });
  return value;
}

function matchesState(issue: IssueRecord, wanted: ListState): boolean {
  return wanted === 'all' || issue.state === wanted;
}

/** GitHub's default list order is newest first; `direction=asc` reverses it. */
function newestFirst(repo: RepoRecord, url: URL): IssueRecord[] {
  const issues = [...repo.issues.values()].sort((a, b) => b.id - a.id);
  return url.searchParams.get('direction') === 'asc' ? issues.reverse() : issues;
}

/** GitHub's limits on an issue: a title of 256 characters, a body of 65,536; longer is a 422. */
const ISSUE_LIMITS = { title: 256, body: 65_536 } as const;

function checkedIssueText<T extends string | null | undefined>(field: keyof typeof ISSUE_LIMITS, value: T): T {
  const max = ISSUE_LIMITS[field];
  if (typeof value === 'string' && value.length > max) {
    throw validationFailed({ resource: 'Issue', field, code: 'custom', message: `${field} is too long (maximum is ${max} characters)` });
  }
  return value;
}
