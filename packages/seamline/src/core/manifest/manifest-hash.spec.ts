import { canonicalJson } from '../canonical-json';
import { sha256 } from '../hash';
import { manifestHash, tupleHash } from './manifest';
import { parseManifest } from './manifest-yaml';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

const yamlA = `kind: pr
pr: 482
component_under_test: { name: auth, repo: https://github.com/acme/auth.git, sha: ${A} }
others:
  - { name: users, repo: https://github.com/acme/users.git, sha: ${B}, from: known-good }
subset: pr_fast
timestamp: 2026-11-21T12:14:03Z
`;

// Same composition: keys in another order, another timestamp, `ref` for `sha`.
const yamlB = `timestamp: 2031-01-01T00:00:00Z
subset: pr_fast
others:
  - { from: known-good, sha: ${B}, repo: https://github.com/acme/users.git, name: users }
component_under_test: { ref: ${A}, repo: https://github.com/acme/auth.git, name: auth }
kind: pr
pr: 482
`;

describe('manifest hash', () => {
  it('is the sha256 of the canonical JSON of {tuple, subset}', () => {
    const m = parseManifest(yamlA, 'a.yaml');
    const expected = sha256(`{"subset":"pr_fast","tuple":{"auth":"${A}","users":"${B}"}}`);
    expect(manifestHash(m)).toBe(expected);
  });

  it('ignores key order, pin order, timestamp and the ref alias', () => {
    expect(manifestHash(parseManifest(yamlB, 'b.yaml'))).toBe(manifestHash(parseManifest(yamlA, 'a.yaml')));
  });

  it('is the same for the same tuple as a full manifest', () => {
    const full = parseManifest(
      `kind: full
others:
  - { name: users, repo: https://github.com/acme/users.git, sha: ${B}, from: main }
  - { name: auth, repo: https://github.com/acme/auth.git, sha: ${A}, from: main }
subset: pr_fast
timestamp: 2026-11-21T12:14:03Z
`,
      'f.yaml',
    );
    expect(manifestHash(full)).toBe(manifestHash(parseManifest(yamlA, 'a.yaml')));
  });

  it('changes when the subset or any SHA changes', () => {
    const base = tupleHash({ auth: A, users: B }, 'pr_fast');
    expect(tupleHash({ auth: A, users: B }, 'full')).not.toBe(base);
    expect(tupleHash({ auth: B, users: B }, 'pr_fast')).not.toBe(base);
    expect(tupleHash({ users: B, auth: A }, 'pr_fast')).toBe(base);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });
});
