import { createHash } from 'node:crypto';
import type { Endpoints } from '@octokit/types';
import type { CommentRecord, IssueRecord, PullRecord, RepoRecord, StatusRecord } from './records';

/**
 * Complete GitHub payloads built from records. Every factory's return type is
 * the response type @octokit/types declares for the endpoint, so a field the
 * real API always sends cannot be forgotten here without a compile error.
 *
 * URLs follow GitHub Enterprise Server's layout on the fake's origin: API
 * resources under `base/repos/...`, web pages under `base/owner/name/...`.
 */
export type RepoData = Endpoints['GET /repos/{owner}/{repo}']['response']['data'];
export type PullData = Endpoints['GET /repos/{owner}/{repo}/pulls/{pull_number}']['response']['data'];
export type PullListItemData = Endpoints['GET /repos/{owner}/{repo}/pulls']['response']['data'][number];
export type StatusData = Endpoints['POST /repos/{owner}/{repo}/statuses/{sha}']['response']['data'];
export type CombinedStatusData = Endpoints['GET /repos/{owner}/{repo}/commits/{ref}/status']['response']['data'];
export type IssueData = Endpoints['GET /repos/{owner}/{repo}/issues/{issue_number}']['response']['data'];
export type IssueCommentData = Endpoints['POST /repos/{owner}/{repo}/issues/{issue_number}/comments']['response']['data'];
export type SearchIssuesData = Endpoints['GET /search/issues']['response']['data'];
export type SearchItemData = SearchIssuesData['items'][number];
type UserData = PullData['user'];
type RepositoryData = PullData['head']['repo'];
type MinimalRepoData = CombinedStatusData['repository'];
type SimpleStatusData = CombinedStatusData['statuses'][number];
type LabelData = PullListItemData['labels'][number];

/** A stable 40-hex SHA derived from a seed: distinct seeds never collide in practice. */
export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** GitHub's timestamp format: ISO 8601 in UTC without milliseconds. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A stable positive id for things the fake does not count (users, labels). */
function stableId(seed: string): number {
  return parseInt(fakeSha(seed).slice(0, 7), 16);
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(`fake:${id}`).toString('base64url')}`;
}

export function userData(base: string, login: string, type: 'User' | 'Organization' | 'Bot' = login.endsWith('[bot]') ? 'Bot' : 'User'): UserData {
  const id = stableId(`user:${login}`);
  const url = `${base}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(type === 'Organization' ? 'O' : 'U', id),
    avatar_url: `${base}/avatars/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${base}/${encodeURIComponent(login)}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false,
    user_view_type: 'public',
  };
}

export function labelData(base: string, repo: RepoRecord, name: string): LabelData {
  const id = stableId(`label:${repo.fullName}:${name}`);
  return {
    id,
    node_id: nodeId('LA', id),
    url: `${base}/repos/${repo.fullName}/labels/${encodeURIComponent(name)}`,
    name,
    description: '',
    color: fakeSha(name).slice(0, 6),
    default: false,
  };
}

/** The URL fields every repository shape shares. */
function repoUrls(base: string, repo: RepoRecord) {
  const api = `${base}/repos/${repo.fullName}`;
  const host = new URL(base).host;
  return {
    url: api,
    html_url: `${base}/${repo.fullName}`,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${repo.fullName}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${base}/${repo.fullName}.git`,
    hooks_url: `${api}/hooks`,
    svn_url: `${base}/${repo.fullName}`,
  };
}

/** The `repository` shape GitHub nests in pull requests (head.repo, base.repo). */
export function repositoryData(base: string, repo: RepoRecord): RepositoryData {
  const openIssues = [...repo.issues.values()].filter((i) => i.state === 'open').length;
  return {
    ...repoUrls(base, repo),
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: userData(base, repo.owner, 'Organization'),
    private: false,
    description: null,
    fork: false,
    license: null,
    forks: 0,
    forks_count: 0,
    mirror_url: null,
    homepage: null,
    language: 'TypeScript',
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'public',
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
  };
}

/** GET /repos/{owner}/{repo}: the full repository. */
export function repoData(base: string, repo: RepoRecord): RepoData {
  const r = repositoryData(base, repo);
  return {
    ...r,
    has_discussions: false,
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    allow_merge_commit: true,
    allow_squash_merge: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    subscribers_count: 0,
    network_count: 0,
  };
}

/** The `minimal-repository` shape nested in the combined status. */
export function minimalRepoData(base: string, repo: RepoRecord): MinimalRepoData {
  // Same fields as `repository`; only the license shape differs (and is null here).
  return { ...repositoryData(base, repo), license: null };
}

function issueUrls(base: string, repo: RepoRecord, issue: IssueRecord) {
  const api = `${base}/repos/${repo.fullName}/issues/${issue.number}`;
  return {
    url: api,
    repository_url: `${base}/repos/${repo.fullName}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    timeline_url: `${api}/timeline`,
    html_url: `${base}/${repo.fullName}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`,
  };
}

/** The `pull_request` key that marks an issue (or search item) as a pull request. */
function pullRequestRef(base: string, repo: RepoRecord, issue: IssueRecord) {
  if (!issue.pull) return {};
  const html = `${base}/${repo.fullName}/pull/${issue.number}`;
  return {
    pull_request: {
      url: `${base}/repos/${repo.fullName}/pulls/${issue.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: issue.pull.mergedAt,
    },
  };
}

/** The fields an issue and a search item share, the same in both payloads. */
function issueCommon(base: string, repo: RepoRecord, issue: IssueRecord, commentCount: number) {
  return {
    ...issueUrls(base, repo, issue),
    ...pullRequestRef(base, repo, issue),
    id: issue.id,
    node_id: nodeId(issue.pull ? 'PR' : 'I', issue.id),
    number: issue.number,
    title: issue.title,
    user: userData(base, issue.user),
    labels: issue.labels.map((name) => labelData(base, repo, name)),
    state: issue.state,
    state_reason: issue.stateReason,
    locked: false,
    active_lock_reason: null,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: commentCount,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: 'MEMBER' as const,
    ...(issue.pull ? { draft: issue.pull.draft } : {}),
  };
}

export function issueData(base: string, repo: RepoRecord, issue: IssueRecord, commentCount: number): IssueData {
  return {
    ...issueCommon(base, repo, issue, commentCount),
    body: issue.body,
    closed_by: issue.closedAt ? userData(base, issue.user) : null,
    reactions: reactions(`${base}/repos/${repo.fullName}/issues/${issue.number}/reactions`),
  };
}

export function searchItemData(base: string, repo: RepoRecord, issue: IssueRecord, commentCount: number): SearchItemData {
  return {
    ...issueCommon(base, repo, issue, commentCount),
    // Search items carry body as string | undefined, never null.
    ...(issue.body === null ? {} : { body: issue.body }),
    score: 1,
  };
}

/**
 * GET /search/issues: the fake answers every query completely and lexically.
 * Key order matters: Octokit's paginate() drops the count fields and takes
 * the first remaining key as the list, so `items` must precede `search_type`.
 */
export function searchIssuesData(totalCount: number, items: SearchItemData[]): SearchIssuesData {
  return { total_count: totalCount, incomplete_results: false, items, search_type: 'lexical' };
}

function reactions(url: string) {
  return { url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, confused: 0, heart: 0, hooray: 0, eyes: 0, rocket: 0 };
}

function link(href: string) {
  return { href };
}

/** Fields shared by a pull request in a list and on its own. */
function pullCore(base: string, repos: (fullName: string) => RepoRecord, repo: RepoRecord, issue: IssueRecord, pull: PullRecord) {
  const api = `${base}/repos/${repo.fullName}`;
  const self = `${api}/pulls/${issue.number}`;
  const html = `${base}/${repo.fullName}/pull/${issue.number}`;
  const headRepo = repos(pull.headRepo);
  const author = userData(base, issue.user);
  return {
    url: self,
    id: issue.id,
    node_id: nodeId('PR', issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${issue.number}`,
    commits_url: `${self}/commits`,
    review_comments_url: `${self}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${issue.number}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    active_lock_reason: null,
    title: issue.title,
    user: author,
    body: issue.body,
    labels: issue.labels.map((name) => labelData(base, repo, name)),
    milestone: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: {
      label: `${headRepo.owner}:${pull.headRef}`,
      ref: pull.headRef,
      sha: pull.headSha,
      repo: repositoryData(base, headRepo),
      user: userData(base, headRepo.owner, 'Organization'),
    },
    base: {
      label: `${repo.owner}:${pull.baseRef}`,
      ref: pull.baseRef,
      sha: pull.baseSha,
      repo: repositoryData(base, repo),
      user: userData(base, repo.owner, 'Organization'),
    },
    _links: {
      self: link(self),
      html: link(html),
      issue: link(`${api}/issues/${issue.number}`),
      comments: link(`${api}/issues/${issue.number}/comments`),
      review_comments: link(`${self}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${self}/commits`),
      statuses: link(`${api}/statuses/${pull.headSha}`),
    },
    author_association: 'MEMBER' as const,
    auto_merge: null,
    draft: pull.draft,
  };
}

/** An item of GET /repos/{owner}/{repo}/pulls. */
export function pullListItemData(
  base: string,
  repos: (fullName: string) => RepoRecord,
  repo: RepoRecord,
  issue: IssueRecord,
  pull: PullRecord,
): PullListItemData {
  return pullCore(base, repos, repo, issue, pull);
}

/** GET /repos/{owner}/{repo}/pulls/{pull_number}: the list fields plus merge state and counts. */
export function pullData(
  base: string,
  repos: (fullName: string) => RepoRecord,
  repo: RepoRecord,
  issue: IssueRecord,
  pull: PullRecord,
  commentCount: number,
): PullData {
  return {
    ...pullCore(base, repos, repo, issue, pull),
    merged: pull.merged,
    mergeable: pull.merged || issue.state === 'closed' ? null : true,
    rebaseable: pull.merged || issue.state === 'closed' ? null : true,
    mergeable_state: pull.merged ? 'unknown' : 'clean',
    merged_by: pull.merged ? userData(base, issue.user) : null,
    comments: commentCount,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}

function statusUrl(base: string, repo: RepoRecord, status: StatusRecord): string {
  return `${base}/repos/${repo.fullName}/statuses/${status.sha}`;
}

export function statusData(base: string, repo: RepoRecord, status: StatusRecord): StatusData {
  const creator = userData(base, status.creator);
  return {
    url: statusUrl(base, repo, status),
    avatar_url: creator.avatar_url,
    id: status.id,
    node_id: nodeId('SC', status.id),
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    creator,
  };
}

function simpleStatusData(base: string, repo: RepoRecord, status: StatusRecord): SimpleStatusData {
  const { creator, ...simple } = statusData(base, repo, status);
  return { ...simple, avatar_url: creator?.avatar_url ?? null, required: false };
}

/**
 * GET /repos/{owner}/{repo}/commits/{ref}/status. `latest` holds the newest
 * status of each context; the state aggregates them as GitHub documents:
 * failure if any is error or failure, else pending if none or any is pending,
 * else success.
 */
export function combinedStatusData(base: string, repo: RepoRecord, sha: string, latest: StatusRecord[], totalCount: number): CombinedStatusData {
  const states = latest.map((s) => s.state);
  const state = states.some((s) => s === 'failure' || s === 'error') ? 'failure' : states.length === 0 || states.includes('pending') ? 'pending' : 'success';
  return {
    state,
    statuses: latest.map((s) => simpleStatusData(base, repo, s)),
    sha,
    total_count: totalCount,
    repository: minimalRepoData(base, repo),
    commit_url: `${base}/repos/${repo.fullName}/commits/${sha}`,
    url: `${base}/repos/${repo.fullName}/commits/${sha}/status`,
  };
}

export function issueCommentData(base: string, repo: RepoRecord, comment: CommentRecord): IssueCommentData {
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${base}/repos/${repo.fullName}/issues/comments/${comment.id}`,
    html_url: `${base}/${repo.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${base}/repos/${repo.fullName}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userData(base, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: 'MEMBER',
    reactions: reactions(`${base}/repos/${repo.fullName}/issues/comments/${comment.id}/reactions`),
  };
}
