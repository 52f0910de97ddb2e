import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../terminal/logger';
import { FULL_SUITE } from '../core/known-good/queries';
import { type FailureReport, failureIssueBody } from '../core/report/failure-issue';
import type { GitHubConnection } from '../github/connect';
import { LOCAL_ONLY } from '../github/connect';
import { closeFullFailures, reportFullFailure } from '../github/failure-issue';
import { describeGitHubError } from '../github/github-error';
import { runManifestFile, shownPath } from '../workspace/layout';
import { reportProblems } from './report-pr-status';
import type { SuiteOutcome } from './run-suite';

/**
 * After `full`: a failure opens an issue in the integration repository (or
 * comments on the open one for the same manifest); a pass closes them.
 * Problems talking to GitHub go to the log and summary.md, never the verdict.
 */
export async function reportFullToGitHub(
  root: string,
  github: GitHubConnection | undefined,
  outcome: SuiteOutcome,
  given: Omit<FailureReport, 'results' | 'manifestFile'>,
): Promise<void> {
  const report = { ...given, manifestFile: shownPath(root, runManifestFile(root, outcome.results.run_id)) };
  if (outcome.results.verdict === 'fail') {
    // The issue's text, kept with the artifacts whether or not GitHub is there to receive it
    // (without the issue's "closes itself": this file is no issue).
    const file = join(outcome.runDir, 'failure-report.md');
    await writeFile(file, `${failureIssueBody({ ...report, results: outcome.results }, { issue: false })}\n`);
    logger.info(`Failure report: ${shownPath(root, file)}`);
  }
  if (!github) {
    logger.info(LOCAL_ONLY);
    return;
  }
  const slug = github.integrationRepo;
  if (!slug) {
    await reportProblems(outcome.runDir, ['no integration repository for failure issues: set github.repository in integration/seamline.yaml'], '');
    return;
  }
  const { results } = outcome;
  try {
    if (results.verdict === 'fail') {
      const issue = await reportFullFailure(github.gh, slug, { ...report, results });
      await reportProblems(outcome.runDir, [], `${issue.action === 'opened' ? 'opened' : 'commented on'} failure issue ${slug}#${issue.number} ${issue.url}`);
    } else {
      // Only a pass that counts as known good (the whole `full` suite, unsharded) closes failure issues.
      if (results.shard || results.subset !== FULL_SUITE) return;
      const closed = await closeFullFailures(github.gh, slug, results, report.runUrl);
      if (closed.length) await reportProblems(outcome.runDir, [], `closed failure issue(s) ${closed.map((n) => `${slug}#${n}`).join(', ')}`);
    }
  } catch (e) {
    await reportProblems(outcome.runDir, [`could not update failure issues in ${slug}: ${describeGitHubError(e)}`], '');
  }
}
