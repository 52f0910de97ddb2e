import { redactUrl } from './config/git-url';
import { type ComponentRepo, componentSlug } from './run/payload';

/**
 * Which components have their pull requests on the GitHub Seamline reports to,
 * and as which owner/name. A status posted to a slug guessed from a local path
 * or another host's URL would land on an unrelated repository, or fail after
 * retries; such a component is reported locally only.
 */

const DEFAULT_API = 'https://api.github.com';

/**
 * The web host of a REST API root: api.github.com serves github.com, api.<x>.ghe.com
 * serves <x>.ghe.com (GitHub Enterprise Cloud with data residency), and a GitHub
 * Enterprise Server's https://ghe.acme.com/api/v3 serves ghe.acme.com.
 */
export function githubWebHost(apiUrl: string = DEFAULT_API): string {
  const host = hostOf(apiUrl) ?? 'api.github.com';
  return host.startsWith('api.') ? host.slice('api.'.length) : host;
}

/** The host a git URL points at, lowercased and without port or user; undefined for file:// and other local forms. */
export function gitUrlHost(url: string): string | undefined {
  const scp = /^[\w.-]+@([\w.-]+):/.exec(url);
  if (scp) return scp[1].toLowerCase();
  if (/^file:/i.test(url)) return undefined;
  return hostOf(url);
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** owner/name of the component's pull requests on the GitHub at `webHost`, or undefined when they are not there. */
export function githubRepoOf(component: ComponentRepo, webHost: string): string | undefined {
  return component.github || gitUrlHost(component.repo) === webHost ? componentSlug(component) : undefined;
}

/** The one line said when a component's status stays local. */
export function notOnGitHubLine(name: string, repo: string, webHost: string): string {
  return `${name}: ${redactUrl(repo)} is not on ${webHost}, so its PR status is reported locally only; if its pull requests are on ${webHost}, set github: <owner>/<name> in components/${name}/component.yaml`;
}
