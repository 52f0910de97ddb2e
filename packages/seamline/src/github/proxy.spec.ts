import { closedPort, type FakeGitHub, type ForwardProxy, startFakeGitHub, startForwardProxy } from '@seamline/fake-github';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { connectGitHub } from './connect';
import { fetchThroughProxy, proxyFromEnv } from './proxy';
import { postStatuses } from './statuses';

import { testClient } from './__fixtures__/test-client';

const TOKEN = 'ghs_test_token_never_printed';
const SHA = 'a'.repeat(40);
// connectGitHub reads only the integration's github settings.
const model = { integration: { github: { status_context: 'seamline/pr-fast', allow_changeset_cycles: false } } } as unknown as WorkspaceModel;

describe('GitHub behind a proxy (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), as git is', () => {
  let gh: FakeGitHub;
  let proxy: ForwardProxy;
  beforeEach(async () => {
    gh = await startFakeGitHub();
    gh.addRepo('acme/users');
    proxy = await startForwardProxy();
  });
  afterEach(async () => {
    await proxy.close();
    await gh.close();
  });
  const fakeHost = () => new URL(gh.url).host;
  const post = async (env: NodeJS.ProcessEnv) => {
    const connection = await connectGitHub(model, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url, ...env });
    if (!connection) throw new Error('connectGitHub gave no connection for a set GITHUB_TOKEN');
    return postStatuses(connection.gh, [{ slug: 'acme/users', sha: SHA }], 'seamline/pr-fast', { state: 'success', description: 'passed' });
  };

  it('sends every request through the proxy the environment names', async () => {
    expect(await post({ HTTP_PROXY: proxy.url })).toEqual([]);
    expect(gh.statuses('acme/users', SHA)).toMatchObject([{ state: 'success', context: 'seamline/pr-fast' }]);
    expect(proxy.seen).not.toHaveLength(0);
    expect(new Set(proxy.seen)).toEqual(new Set([fakeHost()]));
  });

  it('goes direct to a host NO_PROXY names, and without any proxy variable', async () => {
    expect(await post({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' })).toEqual([]);
    expect(await post({})).toEqual([]);
    expect(gh.statuses('acme/users', SHA)).toHaveLength(2);
    expect(proxy.seen).toEqual([]);
  });

  it('names a proxy that does not answer on the line of what failed, never its password or the token', async () => {
    const fetch = await fetchThroughProxy({ http_proxy: `http://ci:s3cret@127.0.0.1:${await closedPort()}` });
    const client = await testClient(gh, TOKEN, { fetch, retries: 0 });
    const problems = await postStatuses(client, [{ slug: 'acme/users', sha: SHA }], 'seamline/pr-fast', { state: 'success', description: 'passed' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^could not post success status seamline\/pr-fast to acme\/users@aaaaaaaaaaaa: .*ECONNREFUSED.*\(proxy http:\/\/\*\*\*@127\.0\.0\.1:\d+, from the proxy variables\)$/,
    );
    expect(problems[0]).not.toContain('s3cret');
    expect(problems[0]).not.toContain(TOKEN);
    // The next request is not tried: a proxy that refused once costs one request, not one per PR head.
    const [again] = await postStatuses(client, [{ slug: 'acme/users', sha: SHA }], 'seamline/pr-fast', { state: 'success', description: 'passed' });
    expect(again).toMatch(
      /: not sent: GitHub could not be reached by an earlier request: .*ECONNREFUSED.*\(proxy http:\/\/\*\*\*@127\.0\.0\.1:\d+, from the proxy variables\)$/,
    );
    expect(gh.requests).toHaveLength(0);
  });

  it('reads the variables as git and curl do: the lower-case name first, HTTPS_PROXY alone is enough', () => {
    expect(proxyFromEnv({})).toBeUndefined();
    expect(proxyFromEnv({ NO_PROXY: 'example.com' })).toBeUndefined();
    expect(proxyFromEnv({ HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128', no_proxy: '.corp' })).toEqual({
      httpProxy: '',
      httpsProxy: 'http://lower:3128',
      noProxy: '.corp',
    });
  });
});
