import { parseIntegrationConfig, parseSeamConfig } from './config/parse-config';
import { lintSubsets, placeSeamFiles } from './lint-subsets';

const I = 'integration/seamline.yaml';
const seam = (text: string) => parseSeamConfig(text, 'seam.yaml');
const files = (...names: string[]) => Object.fromEntries(names.map((n) => [n, `seams/${n}/seam.yaml`]));

describe('placeSeamFiles', () => {
  it('takes <allowed dir>/<name>/seam.yaml, the first allowed dir winning a clash, and names every other seam.yaml', () => {
    const found = [
      'seams/users-auth/seam.yaml',
      'contract/billing-users/seam.yaml',
      'tools/old-seam/seam.yaml',
      'seam.yaml',
      'seams/seam.yaml',
      'seams/a/b/seam.yaml',
      'seams/Users/seam.yaml',
      'contract/users-auth/seam.yaml',
    ];
    expect(placeSeamFiles(found, ['seams', 'contract'])).toEqual({
      files: { 'billing-users': 'contract/billing-users/seam.yaml', 'users-auth': 'seams/users-auth/seam.yaml' },
      problems: [
        {
          severity: 'error',
          message: 'seams/Users/seam.yaml: the folder name "Users" is the project name; expected lowercase letters, digits, ".", "_" or "-"; rename the folder',
        },
        { severity: 'error', message: 'seams/a/b/seam.yaml: expected seams/<name>/seam.yaml, one folder per seam; move it to seams/b/seam.yaml' },
        { severity: 'error', message: 'seams/seam.yaml: expected seams/<name>/seam.yaml, one folder per seam; move it to seams/<name>/seam.yaml' },
        {
          severity: 'error',
          message:
            'contract/users-auth/seam.yaml: seam "users-auth" is also at seams/users-auth/seam.yaml; seam names are Nx project names and must be unique, rename one folder',
        },
        { severity: 'error', message: 'seam.yaml: is outside the allowed seam folders (seams, contract); move it to seams/<name>/seam.yaml' },
        { severity: 'error', message: 'tools/old-seam/seam.yaml: is outside the allowed seam folders (seams, contract); move it to seams/old-seam/seam.yaml' },
      ],
    });
  });
});

describe('lintSubsets', () => {
  const integration = (text: string) => parseIntegrationConfig(text, I);

  it('finds nothing wrong with a curated workspace', () => {
    const config = integration(
      'subsets:\n  pr_fast: { seams: [a], budget: 10m }\n  full: { seams: all, budget: 1h }\nquarantine:\n  - { seam: b, reason: flaky, expires: 2026-03-01 }\n',
    );
    const seams = { a: seam('components: [x]\nsubsets: [pr_fast]\ncatches: y\n'), b: seam('components: [x]\nring: 3\ncatches: y\n') };
    expect(lintSubsets({ integration: config, seams, files: files('a', 'b'), today: '2026-03-01' })).toEqual([]);
  });

  it('reports every problem, each on its own line, errors before warnings', () => {
    const config = integration(`subsets:
  pr_fast: { seams: [a, ghost, a, deep], budget: 10m }
  nightly: { seams: [b, phantom], budget: 1h }
quarantine:
  - { seam: b, reason: " ", expires: 2026-02-28 }
  - { seam: gone, reason: flaky, expires: 2027-01-01 }
  - { seam: b, reason: still flaky, expires: 2027-01-01 }
`);
    const seams = {
      a: seam('components: [x]\nsubsets: [pr_fast, full]\ncatches: y\n'),
      b: seam('components: [x]\nsubsets: [pr_fast]\ncatches: y\n'),
      deep: seam('components: [x]\nring: 3\ncatches: y\n'),
      lonely: seam('components: [x]\ncatches: y\n'),
      broken: undefined,
    };
    const messages = lintSubsets({
      integration: config,
      seams,
      files: { ...files('a', 'b', 'deep', 'broken'), lonely: 'contract/lonely/seam.yaml' },
      today: '2026-03-01',
    }).map((p) => `${p.severity}: ${p.message}`);
    const declared = 'declared: a, b, broken, deep, lonely';
    expect(messages).toEqual([
      `error: ${I}: field "subsets.pr_fast.seams[1]": unknown seam "ghost" (${declared}); remove it, or create it with nx g @seamline/nx:seam-test ghost`,
      `error: ${I}: field "subsets.pr_fast.seams[2]": "a" is listed twice; remove one`,
      `error: ${I}: field "subsets.nightly.seams[1]": unknown seam "phantom" (${declared}); remove it, or create it with nx g @seamline/nx:seam-test phantom`,
      'error: seams/a/seam.yaml: field "subsets[1]": unknown subset "full" (declared: nightly, pr_fast); fix the name or drop it',
      `error: seams/b/seam.yaml: field "subsets[0]": names subset "pr_fast", but ${I} does not list "b" in subsets.pr_fast.seams; add it there (subsets are curated in one place) or drop it here`,
      `error: ${I}: field "quarantine[0].reason": is empty; say why "b" is quarantined (an issue link or a sentence)`,
      `error: ${I}: field "quarantine[0].expires": 2026-02-28 is in the past (today is 2026-03-01); fix "b" and remove the entry, or extend it with a new date`,
      `error: ${I}: field "quarantine[1].seam": unknown seam "gone" (${declared}); remove the entry`,
      `error: ${I}: field "quarantine[2].seam": "b" is already quarantined at quarantine[0]; keep one entry`,
      `warning: seams/broken/seam.yaml: is in no subset, so it never runs; list it in a subset of ${I}`,
      `warning: contract/lonely/seam.yaml: is in no subset, so it never runs; list it in a subset of ${I}`,
      `warning: ${I}: field "subsets.pr_fast.seams[3]": "deep" is a ring 3 (full platform) seam; pr_fast runs on every PR, move it to a post-merge subset such as full`,
    ]);
  });

  it('warns about ring 3 seams that a pr_fast of all seams would run', () => {
    const config = integration('subsets:\n  pr_fast: { seams: all, budget: 10m }\n');
    const seams = { a: seam('components: [x]\ncatches: y\n'), z: seam('components: [x]\nring: 3\ncatches: y\n') };
    expect(lintSubsets({ integration: config, seams, files: files('a', 'z'), today: '2026-03-01' })).toEqual([
      {
        severity: 'warning',
        message: `${I}: field "subsets.pr_fast.seams": all includes "z", a ring 3 (full platform) seam; curate pr_fast so that every PR gets a fast answer`,
      },
    ]);
  });

  it('says when no seam is declared yet', () => {
    const config = integration('subsets:\n  pr_fast: { seams: [a], budget: 10m }\n');
    expect(lintSubsets({ integration: config, seams: {}, files: {}, today: '2026-03-01' })[0].message).toBe(
      `${I}: field "subsets.pr_fast.seams[0]": unknown seam "a" (none is declared yet); remove it, or create it with nx g @seamline/nx:seam-test a`,
    );
  });
});
