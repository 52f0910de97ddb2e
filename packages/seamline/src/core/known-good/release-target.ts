import { SeamlineError, unknownName } from '../errors';
import { type ComponentRepo, componentSlug, namesRepo } from '../run/payload';
import { isFullSha } from '../sha';

/** What `--can-release` names: a declared component, and the full SHA asked about. */
export interface ReleaseTarget {
  component: string;
  sha: string;
}

const EXAMPLE = `auth@${'0'.repeat(40)} or acme/auth@${'0'.repeat(40)}`;

/**
 * `--can-release=<component>@<sha>`, or `<repository>@<sha>` where the repository is
 * owner/name or a git URL (https, ssh, git@host:owner/name.git) that maps to the one
 * declared component whose `repo` it is: a release workflow knows its repository,
 * not necessarily the component's name in the integration workspace.
 */
export function parseReleaseTarget(text: string, components: Readonly<Record<string, { repo: string }>>): ReleaseTarget {
  const value = text.trim();
  const at = value.lastIndexOf('@');
  const [who, sha] = at > 0 ? [value.slice(0, at), value.slice(at + 1)] : ['', ''];
  if (!who || !sha) throw new SeamlineError(`--can-release: expected <component>@<sha> or <owner/name>@<sha> (e.g. ${EXAMPLE}), got ${JSON.stringify(text)}`);
  if (!isFullSha(sha)) throw new SeamlineError(`--can-release: ${who}@${sha}: expected a full 40-character hex commit SHA; use \`git rev-parse <ref>\``);
  return { component: componentOf(who, components), sha: sha.toLowerCase() };
}

function componentOf(who: string, components: Readonly<Record<string, ComponentRepo>>): string {
  if (!who.includes('/') && !who.includes(':')) {
    if (!components[who]) throw new SeamlineError(`--can-release: ${unknownName('component', who, Object.keys(components))}`);
    return who;
  }
  const hits = Object.entries(components).filter(([, c]) => namesRepo(c, who));
  if (hits.length === 1) return hits[0][0];
  const declared = Object.entries(components)
    .map(([name, c]) => `${componentSlug(c)} (${name})`)
    .sort()
    .join(', ');
  if (!hits.length) throw new SeamlineError(`--can-release: repository "${who}" is not the repo of any declared component (declared: ${declared})`);
  throw new SeamlineError(
    `--can-release: repository "${who}" is the repo of components ${hits.map(([n]) => n).join(', ')}; name the component instead (<component>@<sha>)`,
  );
}
