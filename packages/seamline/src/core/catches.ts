/**
 * `catches` is the one sentence that justifies a seam. The schema only asks
 * for a non-empty string, so a blank or a placeholder such as "TODO" passes
 * it; the catalog and the seam-test generator refuse those too.
 */
const PLACEHOLDER_WORD = /^(todo|tbd|fixme|xxx|placeholder|n\/?a|none|\?+|-+|\.+|…)$/i;
// "TODO: describe" is a placeholder; "todo lists lose items when ..." is a real sentence.
const PLACEHOLDER_PREFIX = /^(todo|tbd|fixme|xxx)\s*[:(-]/i;
const TEMPLATE = /^<[^>]*>$/;

export const CATCHES_EXPECTED = 'a sentence naming the failure this seam exists to catch';

/** Why `catches` does not say what a seam catches, or undefined when it does. */
export function catchesProblem(catches: string | undefined): string | undefined {
  const text = (catches ?? '').trim();
  if (!text) return `is empty; write ${CATCHES_EXPECTED}`;
  const word = text.replace(/[\s.!:]+$/, '') || text;
  if (PLACEHOLDER_WORD.test(word) || PLACEHOLDER_PREFIX.test(text) || TEMPLATE.test(text)) {
    return `${JSON.stringify(text)} is a placeholder; write ${CATCHES_EXPECTED}`;
  }
  return undefined;
}

/** `catches` on one line, for a table cell or a code comment. */
export const oneLine = (text: string) => text.trim().replace(/\s+/g, ' ');
