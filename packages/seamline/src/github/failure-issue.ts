import {
  FAILURE_LABEL,
  type FailureReport,
  failureClosedComment,
  failureIssueBody,
  failureIssueTitle,
  failureMarker,
  failureRepeatComment,
} from '../core/report/failure-issue';
import type { RunResults } from '../core/run/results';
import type { GitHub } from './client';
import { splitSlug } from './pulls';

export interface FailureIssueOutcome {
  action: 'opened' | 'commented';
  number: number;
  url: string;
}

async function openFailureIssues(gh: GitHub, slug: string) {
  const issues = await gh.paginate(gh.rest.issues.listForRepo, { ...splitSlug(slug), state: 'open', labels: FAILURE_LABEL, per_page: 100 });
  return issues.filter((i) => !i.pull_request);
}

/** One issue per failing manifest: a repeat failure of the same tuple comments on the open one. */
export async function reportFullFailure(gh: GitHub, slug: string, report: FailureReport): Promise<FailureIssueOutcome> {
  const marker = failureMarker(report.results.manifest_sha256);
  const open = (await openFailureIssues(gh, slug)).find((i) => i.body?.includes(marker));
  if (open) {
    await gh.rest.issues.createComment({ ...splitSlug(slug), issue_number: open.number, body: failureRepeatComment(report) });
    return { action: 'commented', number: open.number, url: open.html_url };
  }
  const { data } = await gh.rest.issues.create({
    ...splitSlug(slug),
    title: failureIssueTitle(report.results),
    body: failureIssueBody(report),
    labels: [FAILURE_LABEL],
  });
  return { action: 'opened', number: data.number, url: data.html_url };
}

/** A passing `full` closes every open failure issue, saying which run passed. */
export async function closeFullFailures(gh: GitHub, slug: string, results: RunResults, runUrl?: string): Promise<number[]> {
  const closed: number[] = [];
  for (const issue of await openFailureIssues(gh, slug)) {
    await gh.rest.issues.createComment({ ...splitSlug(slug), issue_number: issue.number, body: failureClosedComment(results, runUrl) });
    await gh.rest.issues.update({ ...splitSlug(slug), issue_number: issue.number, state: 'closed', state_reason: 'completed' });
    closed.push(issue.number);
  }
  return closed;
}
