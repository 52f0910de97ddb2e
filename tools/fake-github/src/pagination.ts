/**
 * GitHub's page-number pagination: `per_page` (default 30, at most 100) and
 * `page`, with a `Link` header carrying rel="prev", "next", "last", "first"
 * in that order, each URL the request's own with only `page` changed.
 * Octokit's paginate() follows rel="next", so the header must be exact.
 */
export interface Page<T> {
  items: T[];
  /** The Link header value, or undefined when everything fits on one page. */
  link: string | undefined;
}

export interface PageOptions {
  defaultPerPage?: number;
  maxPerPage?: number;
}

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function paginate<T>(all: readonly T[], requestUrl: URL, options: PageOptions = {}): Page<T> {
  const perPage = Math.min(positiveInt(requestUrl.searchParams.get('per_page'), options.defaultPerPage ?? 30), options.maxPerPage ?? 100);
  const page = positiveInt(requestUrl.searchParams.get('page'), 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const pageUrl = (n: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  const rels: [string, number][] = [];
  if (page > 1) rels.push(['prev', Math.min(page - 1, last)]);
  if (page < last) rels.push(['next', page + 1], ['last', last]);
  if (page > 1) rels.push(['first', 1]);
  return { items, link: rels.length ? rels.map(([rel, n]) => `<${pageUrl(n)}>; rel="${rel}"`).join(', ') : undefined };
}
