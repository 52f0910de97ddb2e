import type { WorkspaceModel } from '../core/config/workspace-model';
import { githubRepoOf, githubWebHost, notOnGitHubLine } from '../core/github-repo';
import type { ComponentRepo } from '../core/run/payload';
import { logger } from '../terminal/logger';
import { createGitHub, type GitHub, githubTimeoutFromEnv } from './client';
import { fetchThroughProxy } from './proxy';

export interface GitHubConnection {
  gh: GitHub;
  /** owner/name of the integration repository (failure issues), if known. */
  integrationRepo?: string;
  statusContext: string;
  /** github.com, or the GitHub Enterprise host the API root serves. */
  webHost: string;
  /** owner/name of a component's pull requests on this GitHub; undefined (said once) for one that is not there. */
  repoOf(component: string): string | undefined;
  /** owner/name of every component on this GitHub, by component. */
  repos(): Record<string, string>;
}

/**
 * GitHub when `GITHUB_TOKEN` is set, else undefined: every run still works
 * and reports locally (terminal and summary.md). The token is handed to
 * Octokit and never printed.
 */
export async function connectGitHub(model: WorkspaceModel, env: NodeJS.ProcessEnv = process.env): Promise<GitHubConnection | undefined> {
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) return undefined;
  const settings = model.integration.github;
  const timeoutMs = githubTimeoutFromEnv(env);
  const baseUrl = settings.base_url ?? (env.GITHUB_API_URL?.trim() || undefined);
  const gh = await createGitHub({
    token,
    baseUrl,
    ...(timeoutMs ? { timeoutMs } : {}),
    fetch: await fetchThroughProxy(env),
  });
  return {
    gh,
    integrationRepo: settings.repository ?? env.GITHUB_REPOSITORY,
    statusContext: settings.status_context,
    ...githubHomes(model.components, githubWebHost(baseUrl)),
  };
}

/** Where each component's pull requests are on the GitHub at webHost; a component that is not there is said once, when first asked for. */
export function githubHomes(components: Readonly<Record<string, ComponentRepo>>, webHost: string): Pick<GitHubConnection, 'webHost' | 'repoOf' | 'repos'> {
  const said = new Set<string>();
  const repoOf = (component: string) => {
    const config = components[component];
    const slug = config && githubRepoOf(config, webHost);
    if (!slug && config && !said.has(component)) {
      said.add(component);
      logger.info(notOnGitHubLine(component, config.repo, webHost));
    }
    return slug;
  };
  const repos = () =>
    Object.fromEntries(
      Object.entries(components).flatMap(([name, config]) => {
        const slug = githubRepoOf(config, webHost);
        return slug ? [[name, slug]] : [];
      }),
    );
  return { webHost, repoOf, repos };
}

export const LOCAL_ONLY = 'no GITHUB_TOKEN: reported locally (terminal and summary.md), not to GitHub';
