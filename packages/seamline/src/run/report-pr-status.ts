import { logger } from '@nx/devkit';
import { ciRunUrl } from '../core/ci-run-url';
import { pendingStatus, verdictStatus } from '../core/report/commit-status';
import { type GitHubConnection, LOCAL_ONLY } from '../github/connect';
import { postStatuses, type StatusTarget } from '../github/statuses';
import { appendSummary } from './append-summary';
import type { SuiteOutcome } from './run-suite';

/**
 * Wrap a PR or changeset run in commit statuses on every PR head: pending
 * first, then the verdict, the same on all of them. Without GitHub the run
 * reports locally. A reporting failure is logged and added to summary.md;
 * it never changes the verdict or loses the artifacts.
 */
export async function withPrStatus(
  connection: GitHubConnection | undefined,
  targets: readonly StatusTarget[],
  what: string,
  run: () => Promise<SuiteOutcome>,
  shard?: string,
): Promise<SuiteOutcome> {
  if (!connection) {
    logger.info(LOCAL_ONLY);
    return run();
  }
  // Each shard reports under its own context: a passing shard must not overwrite a failing one.
  const github = shard ? { ...connection, statusContext: `${connection.statusContext} (shard ${shard})` } : connection;
  const url = ciRunUrl(process.env) ?? undefined;
  const problems = await postStatuses(github.gh, targets, github.statusContext, pendingStatus(what, url));
  let outcome: SuiteOutcome;
  try {
    outcome = await run();
  } catch (e) {
    await postStatuses(github.gh, targets, github.statusContext, {
      state: 'error',
      description: 'Seamline could not run; see the CI log',
      ...(url ? { target_url: url } : {}),
    });
    throw e;
  }
  problems.push(...(await postStatuses(github.gh, targets, github.statusContext, verdictStatus(outcome.results, url))));
  await reportProblems(
    outcome.runDir,
    problems,
    `${github.statusContext} ${outcome.results.verdict === 'pass' ? 'success' : 'failure'} on ${targets.length} PR head(s)`,
  );
  return outcome;
}

export async function reportProblems(runDir: string, problems: readonly string[], success: string): Promise<void> {
  if (!problems.length) {
    logger.info(`Reported to GitHub: ${success}`);
    return;
  }
  // One line in the log, whatever the count; summary.md lists them one by one.
  logger.warn(`Not reported to GitHub (the verdict stands): ${problems.join('; ')}`);
  await appendSummary(runDir, ['### Reporting to GitHub', '', ...problems.map((p) => `- ${p}`)].join('\n'));
}
