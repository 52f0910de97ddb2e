/** A pull request named by repository slug (`owner/name`, lower case) and number. */
export interface PullRef {
  slug: string;
  number: number;
}

export const pullKey = (ref: PullRef) => `${ref.slug}#${ref.number}`;

// `Depends-On: https://github.com/acme/users/pull/12` (any host, for GitHub
// Enterprise) or the short `Depends-On: acme/users#12`; one per line, as Zuul
// and OpenStack write them.
const LINE = /^\s*depends-on:\s*(\S+)\s*$/gim;
const URL_FORM = /^https?:\/\/[^/\s]+\/([\w.-]+)\/([\w.-]+)\/pull\/(\d+)\/?(?:[?#]\S*)?$/i;
const SHORT_FORM = /^([\w.-]+)\/([\w.-]+)#(\d+)$/;

/** The PRs a PR body says it depends on, in order, without duplicates; other lines are ignored. */
export function parseDependsOn(body: string | null | undefined): PullRef[] {
  const refs = new Map<string, PullRef>();
  for (const [, target] of (body ?? '').matchAll(LINE)) {
    const match = URL_FORM.exec(target) ?? SHORT_FORM.exec(target);
    if (!match) continue;
    const ref = { slug: `${match[1]}/${match[2]}`.toLowerCase(), number: Number(match[3]) };
    refs.set(pullKey(ref), ref);
  }
  return [...refs.values()];
}
