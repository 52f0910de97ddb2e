import { notFound, validationFailed, ApiError } from './api-error';
import { fakeSha, timestamp } from './github-objects';
import type { CommentRecord, IssueRecord, RepoRecord, StatusRecord } from './records';

export interface IssueSeed {
  /** Defaults to the repository's next number (issues and PRs share the sequence). */
  number?: number;
  title?: string;
  body?: string | null;
  labels?: string[];
  state?: 'open' | 'closed';
  /** Author login. */
  user?: string;
}

export interface PullSeed extends IssueSeed {
  headSha: string;
  /** Defaults to `change-<number>`. */
  headRef?: string;
  /** owner/name of a fork; defaults to the base repository. Must be added with addRepo. */
  headRepo?: string;
  baseRef?: string;
  /** Implies state 'closed'. */
  merged?: boolean;
  draft?: boolean;
}

export interface IssuePatch {
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  stateReason?: IssueRecord['stateReason'];
  labels?: string[];
}

export interface StatusInput {
  state: StatusRecord['state'];
  targetUrl: string | null;
  description: string | null;
  context: string;
}

const FULL_SHA = /^[0-9a-f]{40}$/i;

/** The fake's mutable state and the GitHub rules that govern it, free of HTTP. */
export class FakeGitHubState {
  private nextId = 1000;
  private readonly repos = new Map<string, RepoRecord>();

  constructor(readonly viewer: string) {}

  /** Ids come from one counter so creation order is also id order. */
  newId(): number {
    return this.nextId++;
  }

  addRepo(fullName: string, options: { defaultBranch?: string } = {}): RepoRecord {
    const [owner, name, extra] = fullName.split('/');
    if (!owner || !name || extra !== undefined) throw new Error(`addRepo: expected "owner/name", got "${fullName}"`);
    if (this.findRepo(fullName)) throw new Error(`addRepo: ${fullName} already exists`);
    const repo: RepoRecord = {
      id: this.newId(),
      owner,
      name,
      fullName,
      defaultBranch: options.defaultBranch ?? 'main',
      createdAt: timestamp(),
      nextNumber: 1,
      issues: new Map(),
      statuses: new Map(),
      comments: new Map(),
    };
    this.repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  /** GitHub matches owner and repository names case-insensitively. */
  findRepo(fullName: string): RepoRecord | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  allRepos(): RepoRecord[] {
    return [...this.repos.values()];
  }

  /** For handlers: an unknown repository is GitHub's 404. */
  repo(owner: string, name: string): RepoRecord {
    const repo = this.findRepo(`${owner}/${name}`);
    if (!repo) throw notFound();
    return repo;
  }

  /** For seeding helpers: an unknown repository is a mistake in the test. */
  seededRepo(fullName: string): RepoRecord {
    const repo = this.findRepo(fullName);
    if (!repo) throw new Error(`fake GitHub: no repository ${fullName}; call addRepo('${fullName}') first`);
    return repo;
  }

  addIssue(repo: RepoRecord, seed: IssueSeed, pull?: PullSeed): IssueRecord {
    const number = seed.number ?? repo.nextNumber;
    if (!Number.isInteger(number) || number < 1 || repo.issues.has(number)) throw new Error(`fake GitHub: ${repo.fullName}#${number} is taken or invalid`);
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    const now = timestamp();
    const merged = pull?.merged ?? false;
    const state = merged ? 'closed' : (seed.state ?? 'open');
    const issue: IssueRecord = {
      id: this.newId(),
      number,
      title: seed.title ?? `${pull ? 'Change' : 'Issue'} ${number}`,
      body: seed.body ?? null,
      labels: [...(seed.labels ?? [])],
      state,
      stateReason: state === 'closed' && !pull ? 'completed' : null,
      user: seed.user ?? 'octocat',
      createdAt: now,
      updatedAt: now,
      closedAt: state === 'closed' ? now : null,
    };
    if (pull) {
      if (!FULL_SHA.test(pull.headSha)) throw new Error(`addPull: headSha must be a full 40-hex SHA, got "${pull.headSha}"`);
      const headRepo = pull.headRepo ? this.seededRepo(pull.headRepo).fullName : repo.fullName;
      const baseRef = pull.baseRef ?? repo.defaultBranch;
      issue.pull = {
        headSha: pull.headSha.toLowerCase(),
        headRef: pull.headRef ?? `change-${number}`,
        headRepo,
        baseRef,
        baseSha: this.branchTip(repo, baseRef),
        // GitHub's test-merge commit: deliberately unrelated to the head SHA.
        mergeCommitSha: fakeSha(`merge:${repo.fullName}#${number}:${pull.headSha}`),
        merged,
        mergedAt: merged ? now : null,
        draft: pull.draft ?? false,
      };
    }
    repo.issues.set(number, issue);
    return issue;
  }

  issue(repo: RepoRecord, number: number): IssueRecord {
    const issue = repo.issues.get(number);
    if (!issue) throw notFound();
    return issue;
  }

  updateIssue(issue: IssueRecord, patch: IssuePatch): IssueRecord {
    if (patch.title !== undefined) issue.title = patch.title;
    if (patch.body !== undefined) issue.body = patch.body;
    if (patch.labels !== undefined) issue.labels = [...new Set(patch.labels)];
    const now = timestamp();
    if (patch.state === 'closed' && issue.state === 'open') {
      issue.state = 'closed';
      issue.closedAt = now;
      issue.stateReason = issue.pull ? null : (patch.stateReason ?? 'completed');
    } else if (patch.state === 'open' && issue.state === 'closed') {
      if (issue.pull?.merged)
        throw validationFailed({
          resource: 'PullRequest',
          field: 'state',
          code: 'custom',
          message: 'state cannot be changed. The pull request cannot be reopened because it has been merged',
        });
      issue.state = 'open';
      issue.closedAt = null;
      issue.stateReason = issue.pull ? null : 'reopened';
    } else if (patch.stateReason !== undefined && issue.state === 'closed' && !issue.pull) {
      issue.stateReason = patch.stateReason;
    }
    issue.updatedAt = now;
    return issue;
  }

  /** The tip of a branch the fake knows only by name: stable per repository and branch. */
  branchTip(repo: RepoRecord, ref: string): string {
    return fakeSha(`${repo.fullName}@${ref}`);
  }

  /**
   * A commit ref as GitHub resolves it: a full SHA, a pull request's head
   * branch, or a base branch. Anything else is GitHub's "No commit found" 422.
   */
  resolveRef(repo: RepoRecord, ref: string): string {
    if (FULL_SHA.test(ref)) return ref.toLowerCase();
    const pulls = [...repo.issues.values()].flatMap((i) => (i.pull ? [i.pull] : [])).reverse();
    const head = pulls.find((p) => p.headRepo === repo.fullName && p.headRef === ref);
    if (head) return head.headSha;
    if (ref === repo.defaultBranch || pulls.some((p) => p.baseRef === ref)) return this.branchTip(repo, ref);
    throw noCommit(ref);
  }

  addStatus(repo: RepoRecord, sha: string, input: StatusInput): StatusRecord {
    if (!FULL_SHA.test(sha)) throw noCommit(sha);
    const status: StatusRecord = { id: this.newId(), sha: sha.toLowerCase(), ...input, createdAt: timestamp(), creator: this.viewer };
    const list = repo.statuses.get(status.sha) ?? [];
    list.push(status);
    repo.statuses.set(status.sha, list);
    return status;
  }

  /** Newest first, as GitHub lists them. */
  statuses(repo: RepoRecord, sha: string): StatusRecord[] {
    return [...(repo.statuses.get(sha.toLowerCase()) ?? [])].reverse();
  }

  /** The newest status of each context, in the order the contexts first appeared. */
  latestStatuses(repo: RepoRecord, sha: string): StatusRecord[] {
    const latest = new Map<string, StatusRecord>();
    // Map.set on an existing key keeps its position: first-seen order, newest value.
    for (const s of repo.statuses.get(sha.toLowerCase()) ?? []) latest.set(s.context, s);
    return [...latest.values()];
  }

  addComment(repo: RepoRecord, issue: IssueRecord, body: string): CommentRecord {
    const now = timestamp();
    const comment: CommentRecord = { id: this.newId(), issueNumber: issue.number, body, user: this.viewer, createdAt: now, updatedAt: now };
    const list = repo.comments.get(issue.number) ?? [];
    list.push(comment);
    repo.comments.set(issue.number, list);
    issue.updatedAt = now;
    return comment;
  }

  /** Oldest first, as GitHub lists them. */
  comments(repo: RepoRecord, number: number): CommentRecord[] {
    return [...(repo.comments.get(number) ?? [])];
  }
}

function noCommit(ref: string): ApiError {
  return new ApiError(422, `No commit found for SHA: ${ref}`);
}
