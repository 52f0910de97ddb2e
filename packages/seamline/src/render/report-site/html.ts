import escapeHtml from 'escape-html';

/**
 * Every value from the store, commits, logs and config goes through `h` into the
 * page: a commit subject or log line that holds HTML shows as text.
 */
export const h = (value: unknown): string => escapeHtml(value === undefined || value === null ? '' : String(value));

/** An id fragment (`run-<id>`, `seam-<name>`): names are already [\w.-]; anything else becomes `_`. */
export const anchor = (prefix: string, name: string): string => `${prefix}-${name.replace(/[^\w.-]/g, '_')}`;

export const short = (sha: string): string => sha.slice(0, 12);
