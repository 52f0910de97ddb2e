import type { RunResults } from '../run/results';

/** GitHub rejects a status description over 140 characters. */
export const STATUS_DESCRIPTION_MAX = 140;

export interface CommitStatus {
  state: 'pending' | 'success' | 'failure' | 'error';
  description: string;
  target_url?: string;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > STATUS_DESCRIPTION_MAX ? `${flat.slice(0, STATUS_DESCRIPTION_MAX - 1)}…` : flat;
}

export function pendingStatus(what: string, targetUrl?: string): CommitStatus {
  return { state: 'pending', description: oneLine(`Seamline is testing ${what}`), ...(targetUrl ? { target_url: targetUrl } : {}) };
}

/** The final status of a run: its one-line reason (the failed seams, the budget, the pin that failed to prepare). */
export function verdictStatus(results: Pick<RunResults, 'verdict' | 'reason'>, targetUrl?: string): CommitStatus {
  return { state: results.verdict === 'pass' ? 'success' : 'failure', description: oneLine(results.reason), ...(targetUrl ? { target_url: targetUrl } : {}) };
}
