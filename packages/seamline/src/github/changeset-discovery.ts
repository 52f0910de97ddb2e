import { logger } from '../terminal/logger';
import { parseDependsOn, type PullRef, pullKey } from '../core/changeset/depends-on';
import { findCycle } from '../core/changeset/find-cycle';
import { SeamlineError } from '../core/errors';
import { repoSlug } from '../core/run/payload';
import type { GitHub } from './client';
import { gitHubFailure } from './github-error';
import { fetchPull, type PullInfo } from './pulls';
import { compareText } from '../core/compare-text';

export interface ChangesetPull extends PullInfo {
  component: string;
}

// GitHub refuses search queries over 256 characters; repos are searched in groups.
const MAX_QUERY = 240;

function searchQueries(label: string, slugs: string[]): string[] {
  const head = `is:pr is:open label:"${label}"`;
  const queries: string[] = [];
  let current = head;
  for (const slug of slugs) {
    const next = `${current} repo:${slug}`;
    if (next.length > MAX_QUERY && current !== head) {
      queries.push(current);
      current = `${head} repo:${slug}`;
    } else current = next;
  }
  queries.push(current);
  return queries;
}

/**
 * Every open PR labelled `changeset:<name>` across the component repositories
 * (search, paginated), plus the PRs their `Depends-On:` lines name,
 * transitively. Refuses PRs outside the declared components, two PRs of one
 * component, and Depends-On cycles unless allowed.
 */
export async function discoverChangeset(
  gh: GitHub,
  name: string,
  repos: Readonly<Record<string, string>>,
  options: { allowCycles: boolean },
): Promise<ChangesetPull[]> {
  const componentOf = new Map(Object.entries(repos).map(([component, slug]) => [slug, component]));
  const label = `changeset:${name}`;
  const seeds: PullRef[] = [];
  for (const q of searchQueries(label, [...componentOf.keys()].sort())) {
    const items = await gh.paginate(gh.rest.search.issuesAndPullRequests, { q, per_page: 100 }).catch((e: unknown) => {
      throw new SeamlineError(gitHubFailure(`searching for PRs labelled ${label}`, e));
    });
    for (const item of items) seeds.push({ slug: repoSlug(item.repository_url), number: item.number });
  }
  if (!seeds.length) throw new SeamlineError(`changeset "${name}": no open PR labelled ${label} in the ${componentOf.size} component repositories`);

  const pulls = new Map<string, ChangesetPull>();
  const edges = new Map<string, string[]>();
  const queue: { ref: PullRef; from?: string }[] = seeds.map((ref) => ({ ref }));
  while (queue.length) {
    const { ref, from } = queue.shift()!;
    const key = pullKey(ref);
    if (pulls.has(key)) continue;
    const component = componentOf.get(ref.slug);
    if (!component)
      throw new SeamlineError(
        `changeset "${name}": ${from} says Depends-On ${key}, which is not in a declared component repository; nothing was fetched from it`,
      );
    const pull = await fetchPull(gh, ref.slug, ref.number);
    if (pull.state !== 'open') {
      logger.warn(`changeset "${name}": ${key} is ${pull.merged ? 'merged' : 'closed'}; not part of the test (${from ? `named by ${from}` : 'labelled'})`);
      continue;
    }
    pulls.set(key, { ...pull, component });
    const deps = parseDependsOn(pull.body);
    edges.set(key, deps.map(pullKey));
    queue.push(...deps.map((dep) => ({ ref: dep, from: key })));
  }

  const cycle = options.allowCycles ? undefined : findCycle(new Map([...edges].map(([k, v]) => [k, v.filter((d) => pulls.has(d))])));
  if (cycle)
    throw new SeamlineError(
      `changeset "${name}": Depends-On lines form a cycle ${cycle.join(' -> ')}; remove one, or set github.allow_changeset_cycles: true in integration/seamline.yaml`,
    );

  const byComponent = new Map<string, string>();
  for (const [key, pull] of pulls) {
    const other = byComponent.get(pull.component);
    if (other)
      throw new SeamlineError(`changeset "${name}": ${other} and ${key} are both PRs of component ${pull.component}; a changeset tests one head per component`);
    byComponent.set(pull.component, key);
  }
  return [...pulls.values()].sort((a, b) => compareText(a.component, b.component));
}
