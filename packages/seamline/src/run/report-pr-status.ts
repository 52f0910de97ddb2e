import { logger } from '../terminal/logger';
import { ciRunUrl } from '../core/ci-run-url';
import { pendingStatus, verdictStatus } from '../core/report/commit-status';
import { type GitHubConnection, LOCAL_ONLY } from '../github/connect';
import { postStatuses, type StatusTarget } from '../github/statuses';
import { appendSummary } from './append-summary';
import type { SuiteOutcome } from './run-suite';

/** A PR head under test: its component, and the commit its status goes on. */
export interface PrHead {
  component: string;
  sha: string;
}

/** The heads whose component is on this GitHub, by owner/name; the others were said once and stay local. */
const onGitHub = (connection: GitHubConnection, heads: readonly PrHead[]): StatusTarget[] =>
  heads.flatMap((h) => {
    const slug = connection.repoOf(h.component);
    return slug ? [{ slug, sha: h.sha }] : [];
  });

/**
 * Wrap a PR or changeset run in commit statuses on every PR head: pending
 * first, then the verdict, the same on all of them. Without GitHub the run
 * reports locally. A reporting failure is logged and added to summary.md;
 * it never changes the verdict or loses the artifacts.
 */
export async function withPrStatus(
  connection: GitHubConnection | undefined,
  heads: readonly PrHead[],
  what: string,
  run: () => Promise<SuiteOutcome>,
  shard?: string,
): Promise<SuiteOutcome> {
  if (!connection) {
    logger.info(LOCAL_ONLY);
    return run();
  }
  const targets = onGitHub(connection, heads);
  if (!targets.length) return run();
  // Each shard reports under its own context: a passing shard must not overwrite a failing one.
  const github = shard ? { ...connection, statusContext: `${connection.statusContext} (shard ${shard})` } : connection;
  const url = ciRunUrl(process.env) ?? undefined;
  const problems = await postStatuses(github.gh, targets, github.statusContext, pendingStatus(what, url));
  let outcome: SuiteOutcome;
  try {
    outcome = await run();
  } catch (e) {
    await postStatuses(github.gh, targets, github.statusContext, couldNotRun(url));
    throw e;
  }
  await postPrVerdict(github, heads, outcome, problems);
  return outcome;
}

const couldNotRun = (url: string | undefined) => ({
  state: 'error' as const,
  description: 'Seamline could not run; see the CI log',
  ...(url ? { target_url: url } : {}),
});

/** `error` on every PR head of a run that stopped before its verdict (combine of a planned run), so none stays pending. */
export async function postPrError(connection: GitHubConnection | undefined, heads: readonly PrHead[]): Promise<void> {
  if (!connection) return;
  const targets = onGitHub(connection, heads);
  if (!targets.length) return;
  const problems = await postStatuses(connection.gh, targets, connection.statusContext, couldNotRun(ciRunUrl(process.env) ?? undefined));
  if (problems.length) logger.warn(`Not reported to GitHub: ${problems.join('; ')}`);
  else logger.info(`Reported to GitHub: ${connection.statusContext} error on ${targets.length} PR head(s)`);
}

/** The pending status of a planned run on every PR head (its shards post nothing; combine posts the verdict). */
export async function postPrPending(connection: GitHubConnection | undefined, heads: readonly PrHead[], what: string): Promise<void> {
  if (!connection) {
    logger.info(LOCAL_ONLY);
    return;
  }
  const targets = onGitHub(connection, heads);
  if (!targets.length) return;
  const problems = await postStatuses(connection.gh, targets, connection.statusContext, pendingStatus(what, ciRunUrl(process.env) ?? undefined));
  if (problems.length) logger.warn(`Not reported to GitHub (the run goes on): ${problems.join('; ')}`);
  else logger.info(`Reported to GitHub: ${connection.statusContext} pending on ${targets.length} PR head(s)`);
}

/** The verdict of a run (a whole one, or one combined from shards) as a status on every PR head. */
export async function postPrVerdict(
  github: GitHubConnection | undefined,
  heads: readonly PrHead[],
  outcome: SuiteOutcome,
  problems: string[] = [],
): Promise<void> {
  if (!github) {
    logger.info(LOCAL_ONLY);
    return;
  }
  const targets = onGitHub(github, heads);
  if (!targets.length) return;
  const url = ciRunUrl(process.env) ?? undefined;
  const status = verdictStatus(outcome.results, url);
  problems.push(...(await postStatuses(github.gh, targets, github.statusContext, status)));
  // The state posted, which for a run that failed outside the tuple is `error`, not `failure`.
  await reportProblems(outcome.runDir, problems, `${github.statusContext} ${status.state} on ${targets.length} PR head(s)`);
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
