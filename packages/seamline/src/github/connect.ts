import type { WorkspaceModel } from '../core/config/workspace-model';
import { createGitHub, type GitHub, githubTimeoutFromEnv } from './client';
import { fetchThroughProxy } from './proxy';

export interface GitHubConnection {
  gh: GitHub;
  /** owner/name of the integration repository (failure issues), if known. */
  integrationRepo?: string;
  statusContext: string;
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
  const gh = await createGitHub({
    token,
    baseUrl: settings.base_url ?? env.GITHUB_API_URL,
    ...(timeoutMs ? { timeoutMs } : {}),
    fetch: await fetchThroughProxy(env),
  });
  return { gh, integrationRepo: settings.repository ?? env.GITHUB_REPOSITORY, statusContext: settings.status_context };
}

export const LOCAL_ONLY = 'no GITHUB_TOKEN: reported locally (terminal and summary.md), not to GitHub';
