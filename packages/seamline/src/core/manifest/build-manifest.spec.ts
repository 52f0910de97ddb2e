import { buildChangesetManifest, buildFullManifest, buildPrManifest, type ManifestInputs, probeManifest } from './build-manifest';
import { manifestHash, manifestTuple } from './manifest';

const sha = (c: string) => c.repeat(40);
const components = {
  auth: { repo: 'https://github.com/acme/auth.git' },
  users: { repo: 'https://github.com/acme/users.git' },
  billing: { repo: 'https://github.com/acme/billing.git' },
};
const inputs: ManifestInputs = {
  components,
  knownGood: { auth: sha('a'), users: sha('b'), billing: sha('c') },
  mains: { auth: sha('d'), users: sha('e'), billing: sha('f') },
  subset: 'pr_fast',
  timestamp: '2026-11-21T12:14:03Z',
};

describe('buildPrManifest', () => {
  it('pins the PR head and takes every other component from known good', () => {
    const m = buildPrManifest(inputs, { component: 'auth', sha: sha('1'), pr: 482 });
    expect(m).toEqual({
      kind: 'pr',
      pr: 482,
      component_under_test: { name: 'auth', repo: components.auth.repo, sha: sha('1'), pr: 482 },
      others: [
        { name: 'billing', repo: components.billing.repo, sha: sha('c'), from: 'known-good' },
        { name: 'users', repo: components.users.repo, sha: sha('b'), from: 'known-good' },
      ],
      subset: 'pr_fast',
      timestamp: '2026-11-21T12:14:03Z',
    });
  });

  it('falls back to main for a component with no known good SHA yet', () => {
    const m = buildPrManifest({ ...inputs, knownGood: { users: sha('b') } }, { component: 'auth', sha: sha('1') });
    expect(m.others.map((o) => [o.name, o.from, o.sha])).toEqual([
      ['billing', 'main', sha('f')],
      ['users', 'known-good', sha('b')],
    ]);
  });

  it('normalizes an upper-case SHA to lower case', () => {
    const m = buildPrManifest(inputs, { component: 'auth', sha: 'ABCDEF'.padEnd(40, '0') });
    expect(m.component_under_test.sha).toBe('abcdef'.padEnd(40, '0'));
  });

  it('refuses when neither known good nor main can pin a component', () => {
    expect(() => buildPrManifest({ ...inputs, knownGood: {}, mains: {} }, { component: 'auth', sha: sha('1') })).toThrow(
      'no known-good or main SHA for component "billing": record a passing full run first, or pass --main=billing@<sha>',
    );
  });
});

describe('buildChangesetManifest', () => {
  it('pins every PR of the changeset and the rest from known good', () => {
    const m = buildChangesetManifest(inputs, 'feature-x', [
      { component: 'users', sha: sha('2'), pr: 9, branch: 'rename-field' },
      { component: 'auth', sha: sha('1'), pr: 17 },
    ]);
    expect(m.kind).toBe('changeset');
    expect(m.changeset).toBe('feature-x');
    expect(m.components_under_test.map((p) => [p.name, p.sha, p.pr, p.branch])).toEqual([
      ['users', sha('2'), 9, 'rename-field'],
      ['auth', sha('1'), 17, undefined],
    ]);
    expect(m.others).toEqual([{ name: 'billing', repo: components.billing.repo, sha: sha('c'), from: 'known-good' }]);
    expect(manifestTuple(m)).toEqual({ users: sha('2'), auth: sha('1'), billing: sha('c') });
  });

  it('refuses a component under test twice', () => {
    expect(() =>
      buildChangesetManifest(inputs, 'x', [
        { component: 'auth', sha: sha('1') },
        { component: 'auth', sha: sha('2') },
      ]),
    ).toThrow('component "auth" is under test twice; name each component once');
  });

  it('refuses an empty changeset', () => {
    expect(() => buildChangesetManifest(inputs, 'x', [])).toThrow('changeset "x": expected at least one component under test');
  });
});

describe('buildFullManifest', () => {
  it('pins every component at its latest main, sorted by name', () => {
    const m = buildFullManifest({ ...inputs, subset: 'full' });
    expect(m.others.map((o) => [o.name, o.sha, o.from])).toEqual([
      ['auth', sha('d'), 'main'],
      ['billing', sha('f'), 'main'],
      ['users', sha('e'), 'main'],
    ]);
    expect(m.subset).toBe('full');
  });

  it('refuses when a main is missing', () => {
    expect(() => buildFullManifest({ ...inputs, mains: { auth: sha('d') } })).toThrow('no main SHA for component "billing"');
  });

  it('has the same hash as a PR manifest of the same tuple and subset', () => {
    const full = buildFullManifest({ ...inputs, subset: 'x' });
    const pr = buildPrManifest({ ...inputs, knownGood: inputs.mains, subset: 'x', timestamp: '2030-01-01T00:00:00Z' }, { component: 'auth', sha: sha('d') });
    expect(manifestHash(pr)).toBe(manifestHash(full));
  });
});

describe('probeManifest', () => {
  const at = '2026-11-22T00:00:00Z';
  it('keeps the kind of a pr run, and its PR only on a pin still at the PR head', () => {
    const bad = buildPrManifest(inputs, { component: 'auth', sha: sha('1'), pr: 482, branch: 'fix' });
    const same = probeManifest(bad, { ...manifestTuple(bad), users: sha('9') }, at);
    expect(same.kind).toBe('pr');
    expect(same).toMatchObject({ pr: 482, component_under_test: { name: 'auth', sha: sha('1'), pr: 482, branch: 'fix' }, timestamp: at });
    expect(manifestTuple(same)).toEqual({ ...manifestTuple(bad), users: sha('9') });
    const moved = probeManifest(bad, { ...manifestTuple(bad), auth: sha('2') }, at);
    expect(moved).toMatchObject({ kind: 'pr', pr: 482, component_under_test: { name: 'auth', repo: components.auth.repo, sha: sha('2') } });
    expect(moved.kind === 'pr' && moved.component_under_test).not.toHaveProperty('pr');
  });

  it('keeps a changeset a changeset and a full a full', () => {
    const cs = buildChangesetManifest(inputs, 'trio', [
      { component: 'auth', sha: sha('1'), pr: 1 },
      { component: 'users', sha: sha('2'), pr: 2 },
    ]);
    const probe = probeManifest(cs, { ...manifestTuple(cs), users: sha('b') }, at);
    expect(probe).toMatchObject({ kind: 'changeset', changeset: 'trio' });
    expect(manifestTuple(probe)).toEqual({ ...manifestTuple(cs), users: sha('b') });
    const full = buildFullManifest({ ...inputs, subset: 'full' });
    expect(probeManifest(full, manifestTuple(full), at).kind).toBe('full');
  });

  it('refuses a tuple that misses a component', () => {
    const full = buildFullManifest({ ...inputs, subset: 'full' });
    expect(() => probeManifest(full, { auth: sha('d') }, at)).toThrow('the tuple has no SHA for component "billing"');
  });
});
