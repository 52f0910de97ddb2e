import { SeamlineError } from '../errors';
import { isFullSha } from '../sha';

/** A PR as typed for a changeset: `component#17`, or `component#17@<40-hex head sha>`. */
export interface PrSpec {
  component: string;
  pr: number;
  sha?: string;
}

export function parsePrSpec(text: string): PrSpec {
  const match = /^([a-z0-9][a-z0-9._-]*)#(\d+)(?:@(\S+))?$/.exec(text.trim());
  if (!match) throw new SeamlineError(`--prs: expected component#<pr number>[@<sha>] (e.g. auth#17), got ${JSON.stringify(text)}`);
  const [, component, pr, sha] = match;
  if (sha && !isFullSha(sha)) throw new SeamlineError(`--prs: ${component}#${pr}@${sha}: expected a full 40-character hex head SHA`);
  return { component, pr: Number(pr), ...(sha ? { sha: sha.toLowerCase() } : {}) };
}
