import { logger } from '@nx/devkit';
import type { Octokit } from '@octokit/rest' with { 'resolution-mode': 'import' };
import type Bottleneck from 'bottleneck';

export type GitHub = Octokit;

export interface GitHubSettings {
  token: string;
  /** REST API root; https://api.github.com unless GitHub Enterprise. */
  baseUrl?: string;
  /** Retries after a 5xx or 429 (plugin-retry) and after a rate limit (plugin-throttling). */
  retries?: number;
  /** Milliseconds per retry-after unit; tests shorten it, GitHub wants seconds. */
  retryAfterBaseValue?: number;
  /**
   * Replaces plugin-throttling's pacing groups (1 s between writes, 2 s between
   * searches, 3 s between notifying writes): tests pass unpaced Bottleneck groups.
   */
  pacing?: { write?: Bottleneck.Group; search?: Bottleneck.Group; notifications?: Bottleneck.Group };
}

/**
 * Octokit with GitHub's recommended retry and throttling. @octokit/rest is
 * ESM-only, hence the real dynamic import from this CommonJS plugin.
 */
export async function createGitHub(settings: GitHubSettings): Promise<GitHub> {
  const [{ Octokit }, { retry }, { throttling }] = await Promise.all([
    import('@octokit/rest'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  // Two retries (1 s, then 4 s for a 5xx): a status is worth a short wait, not a stalled run.
  const retries = settings.retries ?? 2;
  const base = settings.retryAfterBaseValue ?? 1000;
  const WithPlugins = Octokit.plugin(retry, throttling);
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    const again = retryCount < retries;
    logger.warn(`GitHub ${kind} on ${options.method} ${options.url}: ${again ? `retrying in ${retryAfter}s` : 'giving up'}`);
    return again;
  };
  return new WithPlugins({
    auth: settings.token,
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl.replace(/\/+$/, '') } : {}),
    userAgent: 'seamline',
    retry: { retries, retryAfterBaseValue: base },
    throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit'), retryAfterBaseValue: base, ...settings.pacing },
    // Octokit's own debug/info lines stay quiet; warnings go through Nx's logger.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => logger.warn(m), error: (m: string) => logger.error(m) },
  });
}
