import { SeamlineError } from './errors';
import { DEFAULT_ALLOWED_DIRS } from './lint-subsets';
import { listOption } from './list-option';

/** --allowedDirs: folders relative to the workspace root, where seam.yaml files may sit. */
export function parseAllowedDirs(value: string | string[] | undefined): string[] {
  const dirs = listOption(value).map((d) => d.replace(/^\.\//, '').replace(/\/+$/, ''));
  for (const dir of dirs) {
    if (!dir || dir.startsWith('/') || /^[a-z]:/i.test(dir) || dir.split('/').includes('..')) {
      throw new SeamlineError(`--allowedDirs: expected folders relative to the workspace root, such as seams, got ${JSON.stringify(dir)}`);
    }
  }
  return dirs.length ? dirs : DEFAULT_ALLOWED_DIRS;
}

/** --today: the date quarantine expiry is judged against (YYYY-MM-DD); `now` when not given. */
export function parseToday(value: string | undefined, now: Date): string {
  if (value === undefined) return now.toISOString().slice(0, 10);
  const real = /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(Date.parse(`${value}T00:00:00Z`) || 0).toISOString().slice(0, 10) === value;
  if (!real) throw new SeamlineError(`--today: expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}
