import { BISECT_AUTO_HINT, bisectCommand, bisectWorthSuggesting } from '../bisect/bisect-command';
import type { Hold } from '../config/integration-config';
import { holdAdvice, holdCommand } from '../hold/suggest-hold';
import { reproduceCommand } from '../run/reproduce-command';
import { failedSeams, type RunResults } from '../run/results';
import { shortHead } from '../known-good/head';
import { nameList } from '../name-list';
import { clip } from './clip';
import { diffTuples, shortSha, type Tuple } from '../tuple';

/** Every failure issue carries this label; a later pass closes the open ones. */
export const FAILURE_LABEL = 'seamline-failure';

/**
 * The hidden line that ties an issue to one failing tuple: a second failing
 * `full` of the same manifest finds it and comments instead of opening another.
 */
export const failureMarker = (manifestSha256: string) => `<!-- seamline:full-failure manifest=${manifestSha256} -->`;

export interface FailureReport {
  results: RunResults;
  /** The last known good tuple, if the store has one. */
  knownGood?: Tuple;
  /** The bisect verdict in one line, when bisect ran. */
  bisect?: string;
  runUrl?: string;
  /** The run's manifest.yaml, relative to the workspace root: what reproduce takes. */
  manifestFile: string;
  /** Components pinned by `full --main=<component>@<sha>` rather than taken at their latest main. */
  pinned?: readonly string[];
  /** When bisect named a culprit commit: the hold that lets the other components move on. */
  hold?: Hold;
}

/** Where the failing tuple came from: the latest mains, unless `--main` pinned some or all of it. */
function tupleOrigin(report: FailureReport): string {
  const pinned = [...(report.pinned ?? [])].sort();
  if (!pinned.length) return 'on the latest mains';
  const all = Object.keys(report.results.tuple);
  if (all.every((c) => pinned.includes(c))) return 'on the tuple given with --main';
  return `on the latest mains, with ${pinned.join(', ')} pinned by --main`;
}

/** GitHub refuses an issue title over 256 characters (422, "title is too long"). */
export const ISSUE_TITLE_MAX = 256;
/** The most failed seams the issue lists one per line; the rest are counted (a body may hold 65,536 characters). */
export const ISSUE_SEAMS_MAX = 1000;

export function failureIssueTitle(results: RunResults): string {
  const failed = failedSeams(results);
  const manifest = ` (manifest ${shortSha(results.manifest_sha256)})`;
  const what = `Seamline full failed: ${failed.length ? nameList(failed, 5) : results.reason}`;
  return `${clip(what, ISSUE_TITLE_MAX - manifest.length)}${manifest}`;
}

function tupleTable(tuple: Tuple, knownGood?: Tuple): string[] {
  const moved = new Set(knownGood ? diffTuples(knownGood, tuple).moved.map((m) => m.name) : []);
  return [
    '| component | sha | last known good |',
    '|---|---|---|',
    ...Object.keys(tuple)
      .sort()
      .map(
        (name) =>
          `| ${name} | \`${tuple[name]}\` | ${knownGood?.[name] ? (moved.has(name) ? `\`${shortSha(knownGood[name])}\` (moved)` : 'same') : '(none)'} |`,
      ),
  ];
}

/**
 * The failure issue's text, also kept as the run's failure-report.md. Only the
 * issue (`issue: true`, the default) says that it closes itself: a local
 * report has no issue to close.
 */
export function failureIssueBody(report: FailureReport, options: { issue?: boolean } = {}): string {
  const { results } = report;
  const failed = failedSeams(results);
  const lines = [
    failureMarker(results.manifest_sha256),
    `The full suite \`${results.subset}\` failed ${tupleOrigin(report)}: ${results.reason}.`,
    '',
    ...(report.runUrl ? [`Run: ${report.runUrl} (\`${results.run_id}\`)`, ''] : [`Run: \`${results.run_id}\``, '']),
    ...(results.known_good_head ? [`Known-good store head: \`${shortHead(results.known_good_head)}\``, ''] : []),
    '### Failing tuple',
    '',
    ...tupleTable(results.tuple, report.knownGood),
    '',
  ];
  if (failed.length) {
    lines.push('### Failed seams', '', ...failed.slice(0, ISSUE_SEAMS_MAX).map((s) => `- \`${s}\``), '');
    if (failed.length > ISSUE_SEAMS_MAX) lines.push(`${failed.length - ISSUE_SEAMS_MAX} more failed seam(s): see the run's results.json.`, '');
  }
  if (report.bisect) lines.push('### Bisect', '', report.bisect, '');
  if (report.hold) lines.push('### Hold the culprit', '', ...holdAdvice(report.hold), '');
  if (bisectWorthSuggesting(results, report.knownGood, report.bisect !== undefined))
    lines.push('### Find the culprit', '', '```sh', bisectCommand(report.manifestFile), '```', '', BISECT_AUTO_HINT, '');
  lines.push('### Reproduce', '', '```sh', reproduceCommand(report.manifestFile), '```');
  if (options.issue !== false) lines.push('', 'This issue closes itself when a later `full` passes.');
  return lines.join('\n');
}

export function failureRepeatComment(report: FailureReport): string {
  const where = report.runUrl ? `${report.runUrl} (\`${report.results.run_id}\`)` : `\`${report.results.run_id}\``;
  return [
    `Failed again with the same tuple: ${report.results.reason}. Run: ${where}.`,
    ...(report.bisect ? ['', `Bisect: ${report.bisect}`] : []),
    ...(report.hold ? ['', `Hold the culprit: \`${holdCommand(report.hold)}\``] : []),
  ].join('\n');
}

export function failureClosedComment(results: RunResults, runUrl?: string): string {
  return `\`full\` passed at manifest \`${shortSha(results.manifest_sha256)}\` (run ${runUrl ?? `\`${results.run_id}\``}); closing.`;
}
