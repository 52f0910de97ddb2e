import { type FakeGitHub, startFakeGitHub } from '@seamline/fake-github';
import { discoverChangeset } from './changeset-discovery';
import { testClient } from './__fixtures__/test-client';

const sha = (c: string) => c.repeat(40);
// Each component on GitHub by owner/name, as GitHubConnection.repos() gives them.
const components = { schema: 'acme/schema', users: 'acme/users', billing: 'acme/billing', audit: 'acme/audit' };

// Real Octokit over real HTTP: reading 150 PRs' pages takes seconds on a busy 2-core CI machine.
jest.setTimeout(30_000);

describe('changeset discovery', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await startFakeGitHub();
    for (const name of ['schema', 'users', 'billing', 'audit', 'outside']) gh.addRepo(`acme/${name}`);
  });
  afterEach(() => gh.close());

  it('finds the labelled PRs across component repos and follows Depends-On transitively', async () => {
    gh.addPull('acme/schema', { number: 7, headSha: sha('a'), labels: ['changeset:rename'], body: 'Depends-On: https://github.com/acme/users/pull/3' });
    gh.addPull('acme/users', { number: 3, headSha: sha('b'), labels: ['changeset:rename'], body: 'Depends-On: acme/billing#12' });
    gh.addPull('acme/billing', { number: 12, headSha: sha('c'), labels: [] });
    gh.addPull('acme/audit', { number: 1, headSha: sha('d'), labels: ['changeset:other'] });
    const pulls = await discoverChangeset(await testClient(gh), 'rename', components, { allowCycles: false });
    expect(pulls.map((p) => [p.component, p.number, p.headSha])).toEqual([
      ['billing', 12, sha('c')],
      ['schema', 7, sha('a')],
      ['users', 3, sha('b')],
    ]);
    // One search, scoped to the component repositories and the label.
    const searches = gh.requests.filter((r) => r.path === '/search/issues');
    expect(searches).toHaveLength(1);
    expect(searches[0].query.q).toBe('is:pr is:open label:"changeset:rename" repo:acme/audit repo:acme/billing repo:acme/schema repo:acme/users');
  });

  it('refuses a Depends-On cycle unless the config allows it', async () => {
    gh.addPull('acme/schema', { number: 7, headSha: sha('a'), labels: ['changeset:loop'], body: 'Depends-On: acme/users#3' });
    gh.addPull('acme/users', { number: 3, headSha: sha('b'), body: 'Depends-On: acme/schema#7' });
    const client = await testClient(gh);
    await expect(discoverChangeset(client, 'loop', components, { allowCycles: false })).rejects.toThrow(
      'changeset "loop": Depends-On lines form a cycle acme/schema#7 -> acme/users#3 -> acme/schema#7; remove one, or set github.allow_changeset_cycles: true in integration/seamline.yaml',
    );
    expect((await discoverChangeset(client, 'loop', components, { allowCycles: true })).map((p) => p.component)).toEqual(['schema', 'users']);
  });

  it('refuses a Depends-On outside the declared components without fetching it', async () => {
    gh.addPull('acme/schema', { number: 7, headSha: sha('a'), labels: ['changeset:x'], body: 'Depends-On: acme/outside#1' });
    gh.addPull('acme/outside', { number: 1, headSha: sha('e') });
    await expect(discoverChangeset(await testClient(gh), 'x', components, { allowCycles: false })).rejects.toThrow(
      'changeset "x": acme/schema#7 says Depends-On acme/outside#1, which is not in a declared component repository; nothing was fetched from it',
    );
    expect(gh.requests.some((r) => r.path.startsWith('/repos/acme/outside'))).toBe(false);
  });

  it('refuses two PRs of one component, and says when no PR carries the label', async () => {
    gh.addPull('acme/users', { number: 3, headSha: sha('b'), labels: ['changeset:two'] });
    gh.addPull('acme/users', { number: 4, headSha: sha('c'), labels: ['changeset:two'] });
    const client = await testClient(gh);
    await expect(discoverChangeset(client, 'two', components, { allowCycles: false })).rejects.toThrow(
      'are both PRs of component users; a changeset tests one head per component',
    );
    await expect(discoverChangeset(client, 'none', components, { allowCycles: false })).rejects.toThrow(
      'changeset "none": no open PR labelled changeset:none in the 4 component repositories',
    );
  });

  it('leaves out a dependency that is already merged, saying so', async () => {
    gh.addPull('acme/schema', { number: 7, headSha: sha('a'), labels: ['changeset:m'], body: 'Depends-On: acme/users#3' });
    gh.addPull('acme/users', { number: 3, headSha: sha('b'), merged: true });
    expect((await discoverChangeset(await testClient(gh), 'm', components, { allowCycles: false })).map((p) => p.component)).toEqual(['schema']);
  });

  it('splits the search to stay under GitHub’s query length, and retries a 502 on the way', async () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`c${i}`, `acme/c${i}`]));
    for (let i = 0; i < 40; i++) {
      gh.addRepo(`acme/c${i}`);
      gh.addPull(`acme/c${i}`, { number: 1, headSha: i.toString(16).padStart(40, '0'), labels: ['changeset:big'] });
    }
    gh.failNext(1, { status: 502 }, { path: /search/ });
    const pulls = await discoverChangeset(await testClient(gh), 'big', many, { allowCycles: false });
    expect(pulls).toHaveLength(40);
    const searches = gh.requests.filter((r) => r.path === '/search/issues');
    expect(searches[0].status).toBe(502);
    expect(searches.filter((r) => r.status === 200).length).toBeGreaterThan(1);
    expect(searches.every((r) => String(r.query.q).length <= 256)).toBe(true);
  });

  it('reads every page of the search before judging the set', async () => {
    for (let n = 1; n <= 150; n++) gh.addPull('acme/users', { number: n, headSha: n.toString(16).padStart(40, '0'), labels: ['changeset:wide'] });
    await expect(discoverChangeset(await testClient(gh), 'wide', components, { allowCycles: false })).rejects.toThrow('are both PRs of component users');
    const pages = gh.requests.filter((r) => r.path === '/search/issues').map((r) => r.query.page ?? '1');
    expect(pages).toEqual(['1', '2']);
  });
});
