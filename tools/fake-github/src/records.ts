/**
 * The fake's in-memory state: plain records, rendered into GitHub payloads
 * (github-objects.ts) only when a response is written, so every URL is built
 * from the server's real address.
 */
export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  createdAt: string;
  /** Issues and pull requests share one number sequence, as on GitHub. */
  nextNumber: number;
  issues: Map<number, IssueRecord>;
  /** By lowercase commit SHA, oldest first. */
  statuses: Map<string, StatusRecord[]>;
  /** By issue number, oldest first. */
  comments: Map<number, CommentRecord[]>;
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  user: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Present when the issue is a pull request. */
  pull?: PullRecord;
}

export interface PullRecord {
  headSha: string;
  headRef: string;
  /** owner/name of the head repository; differs from the base for forks. */
  headRepo: string;
  baseRef: string;
  baseSha: string;
  /** The test-merge (or merge) commit: never the head SHA. */
  mergeCommitSha: string;
  merged: boolean;
  mergedAt: string | null;
  draft: boolean;
}

export interface StatusRecord {
  id: number;
  sha: string;
  state: 'pending' | 'success' | 'failure' | 'error';
  targetUrl: string | null;
  description: string | null;
  context: string;
  createdAt: string;
  creator: string;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}
