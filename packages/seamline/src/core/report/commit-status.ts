import { shortHead } from '../known-good/head';
import { failedOutsideTheTuple, type RunResults } from '../run/results';
import { clip } from './clip';

/** GitHub rejects a status description over 140 characters. */
export const STATUS_DESCRIPTION_MAX = 140;

export interface CommitStatus {
  state: 'pending' | 'success' | 'failure' | 'error';
  description: string;
  target_url?: string;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return clip(flat, STATUS_DESCRIPTION_MAX);
}

export function pendingStatus(what: string, targetUrl?: string): CommitStatus {
  return { state: 'pending', description: oneLine(`Seamline is testing ${what}`), ...(targetUrl ? { target_url: targetUrl } : {}) };
}

/**
 * The final status of a run: its one-line reason (the failed seams, the budget, the pin that
 * failed to prepare), then the known-good head it ran against, which is never cut off. A run
 * that failed outside the tuple (a full disk, a pin the network kept from git, a registry that
 * failed a prepare twice) is an `error`: it says nothing about the PR.
 */
export function verdictStatus(
  results: Pick<RunResults, 'verdict' | 'reason' | 'known_good_head' | 'no_space' | 'unreachable' | 'prepare_failure' | 'interrupted'>,
  targetUrl?: string,
): CommitStatus {
  const head = results.known_good_head ? ` · known good ${shortHead(results.known_good_head)}` : '';
  const reason = oneLine(results.reason);
  const description = `${clip(reason, STATUS_DESCRIPTION_MAX - head.length)}${head}`;
  const state = results.verdict === 'pass' ? 'success' : failedOutsideTheTuple(results) ? 'error' : 'failure';
  return { state, description, ...(targetUrl ? { target_url: targetUrl } : {}) };
}
