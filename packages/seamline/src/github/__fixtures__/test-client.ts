import type { FakeGitHub } from '@seamline/fake-github';
import Bottleneck from 'bottleneck';
import { createGitHub, type GitHub, type GitHubSettings } from '../client';

/** The plugin's own client against the fake, with retry waits in milliseconds and no pacing. */
export function testClient(gh: FakeGitHub, token = 'ghs_test_token_never_printed', settings: Partial<GitHubSettings> = {}): Promise<GitHub> {
  const unpaced = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  return createGitHub({
    token,
    baseUrl: gh.url,
    retryAfterBaseValue: 5,
    pacing: { write: unpaced(), search: unpaced(), notifications: unpaced() },
    ...settings,
  });
}
