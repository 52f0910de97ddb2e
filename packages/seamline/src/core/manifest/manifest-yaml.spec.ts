import { buildChangesetManifest, buildFullManifest, buildPrManifest, type ManifestInputs } from './build-manifest';
import { parseManifest, serializeManifest } from './manifest-yaml';

const sha = (c: string) => c.repeat(40);
const inputs: ManifestInputs = {
  components: {
    auth: { repo: 'https://github.com/acme/auth.git' },
    users: { repo: 'git@github.com:acme/users.git' },
  },
  knownGood: { auth: sha('a'), users: sha('b') },
  mains: { auth: sha('c'), users: sha('d') },
  subset: 'pr_fast',
  timestamp: '2026-11-21T12:14:03Z',
};

describe('manifest YAML', () => {
  it('writes the small, one-pin-per-line form of docs/formats.md', () => {
    const m = buildPrManifest(inputs, { component: 'auth', sha: sha('1'), pr: 482 });
    expect(serializeManifest(m)).toBe(`kind: pr
pr: 482
component_under_test: { name: auth, repo: https://github.com/acme/auth.git, sha: "${sha('1')}", pr: 482 }
others:
  - { name: users, repo: git@github.com:acme/users.git, sha: ${sha('b')}, from: known-good }
subset: pr_fast
timestamp: 2026-11-21T12:14:03Z
`);
  });

  it.each([
    ['pr', buildPrManifest(inputs, { component: 'users', sha: sha('1') })],
    ['changeset', buildChangesetManifest(inputs, 'feature-x', [{ component: 'users', sha: sha('1'), pr: 3, branch: 'feat/x' }])],
    ['full', buildFullManifest(inputs)],
  ])('round-trips a %s manifest and serializes it byte-identically', (_kind, manifest) => {
    const text = serializeManifest(manifest);
    const parsed = parseManifest(text, 'm.yaml');
    expect(parsed).toEqual(manifest);
    expect(serializeManifest(parsed)).toBe(text);
  });

  it('keeps SHAs that look like numbers as text (quoted on write, never turned into floats on read)', () => {
    const digits = '1234567890'.repeat(4);
    const exponent = `12e${'4'.repeat(37)}`;
    const m = parseManifest(
      `kind: pr\ncomponent_under_test: { name: auth, repo: https://github.com/acme/auth.git, sha: ${digits} }\nothers:\n  - { name: users, repo: https://github.com/acme/users.git, sha: ${exponent}, from: main }\nsubset: pr_fast\ntimestamp: 2026-11-21T12:14:03Z\n`,
      'n.yaml',
    );
    expect(m.kind === 'pr' && m.component_under_test.sha).toBe(digits);
    expect(m.others[0].sha).toBe(exponent);
    expect(parseManifest(serializeManifest(m), 'n.yaml')).toEqual(m);
  });

  it('reads the changeset form with each PR and branch', () => {
    const m = parseManifest(
      `kind: changeset
changeset: feature-x
components_under_test:
  - { name: auth, repo: https://github.com/acme/auth.git, sha: ${sha('1')}, pr: 17, branch: feature-x }
  - { name: users, repo: https://github.com/acme/users.git, ref: ${sha('2')}, pr: 9 }
subset: pr_fast
timestamp: 2026-11-21T12:14:03.250Z
`,
      'c.yaml',
    );
    expect(m.kind === 'changeset' && m.components_under_test.map((p) => [p.name, p.sha, p.pr, p.branch])).toEqual([
      ['auth', sha('1'), 17, 'feature-x'],
      ['users', sha('2'), 9, undefined],
    ]);
    expect(m.others).toEqual([]);
  });
});
