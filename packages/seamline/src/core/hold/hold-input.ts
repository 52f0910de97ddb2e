import type { Hold } from '../config/integration-config';
import { SeamlineError, unknownName } from '../errors';
import { isFullSha } from '../sha';
import { addDays, SUGGESTED_HOLD_DAYS } from './suggest-hold';

/** What `nx run integration:hold` is given. */
export interface HoldOptions {
  component?: string;
  sha?: string;
  reason?: string;
  expires?: string;
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(Date.parse(`${s}T00:00:00Z`) || 0).toISOString().slice(0, 10) === s;

/** The component a hold or a release names: a declared one. */
export function checkHoldComponent(component: string | undefined, declared: readonly string[]): string {
  if (!component) throw new SeamlineError('--component: expected the component to hold, e.g. --component=schema');
  if (!declared.includes(component)) throw new SeamlineError(`--component: ${unknownName('component', component, declared)}; hold a declared component`);
  return component;
}

/**
 * The hold the options ask for, or one line saying which option is wrong: a
 * declared component, a full 40-hex SHA, a reason, and an expiry after `today`
 * (default: today plus 14 days).
 */
export function holdFromOptions(options: HoldOptions, declared: readonly string[], today: string): Hold {
  const component = checkHoldComponent(options.component, declared);
  const sha = options.sha ?? '';
  if (!isFullSha(sha)) {
    throw new SeamlineError(
      `--sha: expected the full 40-character hex commit SHA to hold ${component} at, got ${JSON.stringify(sha)}; use \`git rev-parse <ref>\` in its repository`,
    );
  }
  const reason = (options.reason ?? '').trim();
  if (!reason) throw new SeamlineError(`--reason: expected why ${component} is held (the culprit commit, an issue link or a sentence)`);
  const expires = options.expires ?? addDays(today, SUGGESTED_HOLD_DAYS);
  if (!isDay(expires)) throw new SeamlineError(`--expires: expected a date as YYYY-MM-DD, got ${JSON.stringify(expires)}`);
  if (expires <= today) {
    throw new SeamlineError(`--expires: ${expires} is not in the future (today is ${today}); give a later date, e.g. ${addDays(today, SUGGESTED_HOLD_DAYS)}`);
  }
  return { component, sha: sha.toLowerCase(), reason, expires };
}
