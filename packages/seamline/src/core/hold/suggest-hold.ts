import type { BisectVerdict } from '../bisect/verdict';
import type { Hold } from '../config/integration-config';
import type { ManifestKind } from '../manifest/manifest';
import { integrationConfigPath } from '../config/workspace-model';
import type { Tuple } from '../tuple';
import { holdItemLines } from './hold-yaml';

/** How long a suggested hold lasts: long enough to fix the culprit, short enough that nobody forgets it. */
export const SUGGESTED_HOLD_DAYS = 14;

/** `YYYY-MM-DD` plus `days`, in UTC. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The hold that lets every other component move on after bisect named a culprit
 * commit: the culprit's component stays at the commit before it on the
 * first-parent line bisect walked (the known-good SHA when the culprit is the
 * first commit after it). Undefined for any other verdict: without one commit
 * to blame there is nothing exact to hold; and for a bisected pr or changeset
 * run: a hold pins a component in full runs only, and its culprit is a PR's
 * commit, which nothing merged yet.
 */
export function suggestedHold(input: {
  /** The kind of the run bisect took apart. */
  kind: ManifestKind;
  verdict: BisectVerdict;
  /** The first-parent commits bisect walked per component, oldest first, ending at bad. */
  commits: Readonly<Record<string, readonly string[]>>;
  good: Tuple;
  subject?: string;
  seams: readonly string[];
  today: string;
}): Hold | undefined {
  const { verdict } = input;
  if (verdict.kind !== 'culprit' || input.kind !== 'full') return undefined;
  const walked = input.commits[verdict.component] ?? [];
  const parent = verdict.index > 1 ? walked[verdict.index - 2] : input.good[verdict.component];
  if (!parent) return undefined;
  const subject = input.subject ? ` "${input.subject}"` : '';
  return {
    component: verdict.component,
    sha: parent,
    reason: `culprit ${verdict.component} ${verdict.sha}${subject} breaks ${input.seams.join(', ')}`,
    expires: addDays(input.today, SUGGESTED_HOLD_DAYS),
  };
}

/** A value as one shell word: bare when safe, else in single quotes. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The command that writes `hold` into seamline.yaml. */
export function holdCommand(hold: Hold): string {
  const args = [`--component=${hold.component}`, `--sha=${hold.sha}`, `--reason=${shellWord(hold.reason)}`, `--expires=${hold.expires}`];
  return `nx run integration:hold ${args.join(' ')}`;
}

/** The terminal's one line after a bisect that named a culprit: what to run (summary.md and the issue get holdAdvice). */
export const holdHint = (hold: Hold): string => `bisect: to let the other components move on, hold ${hold.component}: ${holdCommand(hold)}`;

/** The entry as it reads in seamline.yaml, under `hold:`. */
export function holdYaml(hold: Hold): string[] {
  return ['hold:', ...holdItemLines(hold).map((line) => `  ${line}`)];
}

/** The Markdown section of summary.md and the failure issue: the entry, and the command that adds it. */
export function holdAdvice(hold: Hold): string[] {
  return [
    `Until ${hold.component} is fixed, every later \`full\` fails the same way. Hold ${hold.component} at the commit before the culprit so the other components keep moving: add to \`${integrationConfigPath}\``,
    '',
    '```yaml',
    ...holdYaml(hold),
    '```',
    '',
    'with',
    '',
    '```sh',
    holdCommand(hold),
    '```',
  ];
}
