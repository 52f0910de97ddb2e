import type { Hold } from '../config/integration-config';
import { shortHead } from '../known-good/head';
import { shortSha } from '../tuple';
import { reproduceCommand } from './reproduce-command';
import type { PrepareFailure, RunResults } from './results';

const ICON = { pass: '✅', fail: '❌', flaky: '⚠️' } as const;

/** Up to this many seams, summary.md has a row for each; above it, only for those that did not simply pass. */
export const LIST_EVERY_SEAM_UP_TO = 50;
/** The most seam rows summary.md has (about 100 bytes each): it stays far under GitHub's 1 MiB. */
export const MAX_ROWS = 1000;

/** `, known-good head \`<16 hex>\``: the store head the run started from, as every head is shown. */
export function knownGoodHead(results: Pick<RunResults, 'known_good_head'>): string {
  if (results.known_good_head === undefined) return '';
  return results.known_good_head ? `, known-good head \`${shortHead(results.known_good_head)}\`` : ', known-good store empty';
}

function prepareFailureLine(failure: PrepareFailure): string {
  const log = `(log: \`${failure.log}\`)`;
  return failure.registry
    ? `**The registry or the network failed twice to prepare component ${failure.component} at ${failure.sha}**: ${failure.message} ${log}. Nothing was tested and no commit is to blame: run again later.`
    : `**Component ${failure.component} at ${failure.sha} failed to prepare**: ${failure.message} ${log}.`;
}

/** summary.md: what ran against which tuple (and which components a hold kept back), and what to do next. */
export function summaryMarkdown(results: RunResults, under: readonly string[], manifestFile: string, holds: readonly Hold[] = []): string {
  const heldNote = (name: string) => {
    const hold = holds.find((h) => h.component === name);
    return hold ? `held until ${hold.expires}: ${hold.reason.replace(/\|/g, '\\|')}` : '';
  };
  const lines = [
    `## Seamline ${results.kind}: ${results.verdict === 'pass' ? 'passed' : 'failed'}`,
    '',
    // A prepare failure is said once, with its cause and log, where the reason would be.
    results.prepare_failure ? prepareFailureLine(results.prepare_failure) : `${results.reason}.`,
    '',
    `Run \`${results.run_id}\`, subset \`${results.subset}\`${results.shard ? ` (shard ${results.shard})` : ''}${results.shards ? ` (combined from ${results.shards.count} shard${results.shards.count > 1 ? 's' : ''})` : ''}, manifest \`${shortSha(results.manifest_sha256)}\`${knownGoodHead(results)}.`,
    '',
    '| component | sha | |',
    '|---|---|---|',
    ...Object.keys(results.tuple)
      .sort()
      .map((name) => `| ${name} | \`${shortSha(results.tuple[name])}\` | ${under.includes(name) ? 'under test' : heldNote(name)} |`),
    '',
  ];
  if (holds.length) {
    const names = holds.map((h) => h.component).join(', ');
    lines.push(`Held (\`hold:\` in integration/seamline.yaml): ${names} ran at the held SHA instead of the latest main.`, '');
  }
  // A large run lists only the seams worth a look: a row per passing seam made summary.md 100 KB
  // at 1,000 seams, and GitHub drops a step summary over 1 MiB whole. results.json has every seam.
  const plainPass = (s: RunResults['seams'][number]) => s.verdict === 'pass' && !s.quarantined;
  const listed = results.seams.length > LIST_EVERY_SEAM_UP_TO ? results.seams.filter((s) => !plainPass(s)) : results.seams;
  if (listed.length) {
    lines.push('| seam | verdict | time | attempts | log |', '|---|---|---|---|---|');
    for (const s of listed.slice(0, MAX_ROWS)) {
      const verdict = `${ICON[s.verdict]} ${s.verdict}${s.quarantined ? ' (quarantined)' : ''}${s.cached ? ' (cached)' : ''}`;
      lines.push(`| ${s.seam} | ${verdict} | ${s.duration_s}s | ${s.attempts} | \`${s.log}\` |`);
    }
    lines.push('');
    // A change that breaks most of a large suite still leaves a summary GitHub shows.
    if (listed.length > MAX_ROWS) lines.push(`${listed.length - MAX_ROWS} more seam(s) did not simply pass: see results.json and junit.xml.`, '');
  }
  if (listed.length < results.seams.length) {
    const passed = results.seams.filter(plainPass);
    const cached = passed.filter((s) => s.cached).length;
    lines.push(
      `${listed.length ? 'The other ' : ''}${passed.length} seam(s) passed${cached ? ` (${cached} from the Nx cache)` : ''}: each is in results.json and junit.xml.`,
      '',
    );
  }
  lines.push(
    `${results.seams.length} seam(s) ran in ${results.seams_duration_s}s of a ${results.budget_s}s budget; ${results.not_selected} seam(s) of the subset not selected.`,
    '',
  );
  if (results.verdict === 'fail') lines.push(`Reproduce: \`${reproduceCommand(manifestFile)}\``, '');
  return lines.join('\n');
}
