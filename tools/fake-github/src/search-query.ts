import { validationFailed } from './api-error';

/**
 * The subset of GitHub's issue search syntax the fake models: is:pr|issue|
 * open|closed|merged|unmerged, type:pr|issue, state:open|closed, label:NAME
 * (quoted, or a,b for "either"), repo:o/r, org:, user:, author:, a leading
 * `-` to negate, and words or "quoted phrases" matched in title and body.
 * Several repo:/org:/user: terms widen the search (OR); everything else narrows
 * it (AND), as on GitHub. A qualifier the fake does not model is rejected
 * with 422 rather than ignored, so a test never passes on a silently dropped
 * filter.
 */
export interface SearchCandidate {
  repo: string;
  owner: string;
  isPull: boolean;
  state: 'open' | 'closed';
  merged: boolean;
  labels: string[];
  author: string;
  title: string;
  body: string;
}

interface Term {
  negated: boolean;
  key: string | undefined;
  value: string;
}

const TERM = /(-?)(?:([A-Za-z_-]+):)?(?:"([^"]*)"|(\S+))/g;
const WIDENING = new Set(['repo', 'org', 'user']);

export function parseSearchQuery(q: string): (candidate: SearchCandidate) => boolean {
  const terms: Term[] = [...q.matchAll(TERM)].map((m) => ({ negated: m[1] === '-', key: m[2]?.toLowerCase(), value: m[3] ?? m[4] }));
  const predicates = terms.map((t) => ({ term: t, test: predicate(t) }));
  const widening = predicates.filter((p) => !p.term.negated && p.term.key && WIDENING.has(p.term.key));
  const narrowing = predicates.filter((p) => !widening.includes(p));
  return (c) => (widening.length === 0 || widening.some((p) => p.test(c))) && narrowing.every((p) => p.test(c) !== p.term.negated);
}

function predicate({ key, value }: Term): (c: SearchCandidate) => boolean {
  const v = value.toLowerCase();
  switch (key) {
    case undefined:
      return (c) => c.title.toLowerCase().includes(v) || c.body.toLowerCase().includes(v);
    case 'is':
    case 'type':
    case 'state':
      return isPredicate(key, v);
    case 'label': {
      const anyOf = v.split(',');
      return (c) => c.labels.some((l) => anyOf.includes(l.toLowerCase()));
    }
    case 'repo':
      return (c) => c.repo.toLowerCase() === v;
    case 'org':
    case 'user':
      return (c) => c.owner.toLowerCase() === v;
    case 'author':
      return (c) => c.author.toLowerCase() === v;
    default:
      throw unsupported(`${key}:${value}`);
  }
}

function isPredicate(key: string, v: string): (c: SearchCandidate) => boolean {
  const allowed: Record<string, string[]> = { is: ['pr', 'issue', 'open', 'closed', 'merged', 'unmerged'], type: ['pr', 'issue'], state: ['open', 'closed'] };
  if (!allowed[key].includes(v)) throw unsupported(`${key}:${v}`);
  switch (v) {
    case 'pr':
      return (c) => c.isPull;
    case 'issue':
      return (c) => !c.isPull;
    case 'open':
    case 'closed':
      return (c) => c.state === v;
    case 'merged':
      return (c) => c.merged;
    default:
      return (c) => c.isPull && !c.merged;
  }
}

function unsupported(term: string) {
  return validationFailed({ resource: 'Search', field: 'q', code: 'invalid', message: `the fake GitHub does not model the search term "${term}"` });
}
