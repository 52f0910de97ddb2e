import { rm } from 'node:fs/promises';
import { logger } from '../../terminal/logger';
import { executorContext, FIXTURE_FILES, fixtureWorkspace } from '../../__fixtures__/workspace';
import lintSubsets from './executor';

const I = 'integration/seamline.yaml';
const QUARANTINE = 'quarantine:\n  - { seam: billing-users-ledger, reason: flaky ledger fixture, expires: 2027-01-31 }\n';

describe('lint-subsets executor', () => {
  let root: string | undefined;
  let infos: string[];
  let warnings: string[];
  let errors: string[];
  const run = async (files: Record<string, string>, options: Parameters<typeof lintSubsets>[0] = {}) => {
    root = await fixtureWorkspace(files);
    return lintSubsets(options, executorContext(root));
  };

  beforeEach(() => {
    infos = [];
    warnings = [];
    errors = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    jest.spyOn(logger, 'warn').mockImplementation((m) => void warnings.push(String(m)));
    jest.spyOn(logger, 'error').mockImplementation((m) => void errors.push(String(m)));
  });
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
    root = undefined;
  });

  it('passes a curated workspace with one line', async () => {
    expect(await run({ ...FIXTURE_FILES, [I]: FIXTURE_FILES[I] + QUARANTINE }, { today: '2027-01-31' })).toEqual({ success: true, problems: 0, warnings: 0 });
    expect(infos).toEqual(['lint-subsets: 2 seams in 2 subsets, no problems']);
    expect([...warnings, ...errors]).toEqual([]);
  });

  it('reports every problem on its own line, then fails', async () => {
    const result = await run(
      {
        ...FIXTURE_FILES,
        [I]: `subsets:
  pr_fast:
    seams: [users-auth-contract, ghost, users-auth-contract, platform-e2e]
    budget: 10m
  nightly: { seams: [billing-users-ledger], budget: 1h }
quarantine:
  - { seam: billing-users-ledger, reason: " ", expires: 2026-12-31 }
`,
        'seams/platform-e2e/seam.yaml': 'components: [auth]\nring: 3\ncatches: the platform does not boot\n',
        'seams/orphan/seam.yaml': 'components: [auth]\ncatches: auth stops issuing tokens\n',
        'seams/broken/seam.yaml': 'components: auth\ncatches: x\n',
        'tools/legacy/seam.yaml': 'components: [auth]\ncatches: x\n',
        'node_modules/some-pkg/seam.yaml': 'not: ours\n',
        '.seamline/checkouts/auth@x/seams/y/seam.yaml': 'not: ours\n',
      },
      { today: '2027-01-01' },
    );
    expect(result).toEqual({ success: false, problems: 6, warnings: 3 });
    expect(errors).toEqual([
      'tools/legacy/seam.yaml: is outside the allowed seam folders (seams); move it to seams/legacy/seam.yaml',
      'seams/broken/seam.yaml: field "components": expected array, got "auth"; write a YAML list, e.g. [auth]',
      `${I}: field "subsets.pr_fast.seams[1]": unknown seam "ghost" (declared: billing-users-ledger, broken, orphan, platform-e2e, users-auth-contract); remove it, or create it with nx g @seamline/nx:seam-test ghost`,
      `${I}: field "subsets.pr_fast.seams[2]": "users-auth-contract" is listed twice; remove one`,
      `${I}: field "quarantine[0].reason": is empty; say why "billing-users-ledger" is quarantined (an issue link or a sentence)`,
      `${I}: field "quarantine[0].expires": 2026-12-31 is in the past (today is 2027-01-01); fix "billing-users-ledger" and remove the entry, or extend it with a new date`,
      'lint-subsets: 6 problem(s), 3 warning(s); fix the problems above',
    ]);
    expect(warnings).toEqual([
      `seams/broken/seam.yaml: is in no subset, so it never runs; list it in a subset of ${I}`,
      `seams/orphan/seam.yaml: is in no subset, so it never runs; list it in a subset of ${I}`,
      `${I}: field "subsets.pr_fast.seams[3]": "platform-e2e" is a ring 3 (full platform) seam; pr_fast runs on every PR, move it to a post-merge subset such as full`,
    ]);
    expect(infos).toEqual([]);
  });

  it('succeeds with warnings only, and says so', async () => {
    const files = { ...FIXTURE_FILES, [I]: 'subsets:\n  pr_fast: { seams: [users-auth-contract], budget: 10m }\n' };
    expect(await run(files)).toEqual({ success: true, problems: 0, warnings: 1 });
    expect(warnings).toEqual([`seams/billing-users-ledger/seam.yaml: is in no subset, so it never runs; list it in a subset of ${I}`]);
    expect(infos).toEqual(['lint-subsets: 2 seams in 1 subset, no problems (1 warning(s) above)']);
  });

  it('--today decides when a quarantine has expired', async () => {
    const files = { ...FIXTURE_FILES, [I]: FIXTURE_FILES[I] + QUARANTINE };
    expect((await run(files, { today: '2027-02-01' })).success).toBe(false);
    expect(errors[0]).toBe(
      `${I}: field "quarantine[0].expires": 2027-01-31 is in the past (today is 2027-02-01); fix "billing-users-ledger" and remove the entry, or extend it with a new date`,
    );
    errors = [];
    expect(await lintSubsets({ today: '2027-02-30' }, executorContext(root!))).toEqual({ success: false });
    expect(errors).toEqual(['--today: expected a date as YYYY-MM-DD, got "2027-02-30"']);
  });

  it('without --today checks against today in UTC', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await run({ ...FIXTURE_FILES, [I]: FIXTURE_FILES[I] + QUARANTINE.replace('2027-01-31', today) })).success).toBe(true);
    await rm(root!, { recursive: true, force: true });
    expect((await run({ ...FIXTURE_FILES, [I]: FIXTURE_FILES[I] + QUARANTINE.replace('2027-01-31', '2000-01-01') })).success).toBe(false);
    expect(errors[0]).toMatch(/^integration\/seamline\.yaml: field "quarantine\[0\]\.expires": 2000-01-01 is in the past \(today is \d{4}-\d\d-\d\d\);/);
  });

  it('--allowedDirs moves where seams may live', async () => {
    const files = { ...FIXTURE_FILES, 'contract/users-billing/seam.yaml': 'components: [users, billing]\ncatches: x\n' };
    expect(await run(files, { allowedDirs: 'seams,./contract/' })).toEqual({ success: true, problems: 0, warnings: 0 });
    expect(infos).toEqual(['lint-subsets: 3 seams in 2 subsets, no problems']);
    errors = [];
    expect((await lintSubsets({ allowedDirs: ['contract'] }, executorContext(root!))).success).toBe(false);
    expect(errors.slice(0, 2)).toEqual([
      'seams/billing-users-ledger/seam.yaml: is outside the allowed seam folders (contract); move it to contract/billing-users-ledger/seam.yaml',
      'seams/users-auth-contract/seam.yaml: is outside the allowed seam folders (contract); move it to contract/users-auth-contract/seam.yaml',
    ]);
    errors = [];
    expect((await lintSubsets({ allowedDirs: '../elsewhere' }, executorContext(root!))).success).toBe(false);
    expect(errors).toEqual(['--allowedDirs: expected folders relative to the workspace root, such as seams, got "../elsewhere"']);
  });

  it('reports a seamline.yaml that does not parse with the other problems', async () => {
    const files = {
      ...FIXTURE_FILES,
      [I]: 'subsets:\n  pr_fast: { seams: [x], budget: soon }\n',
      'seams/stray/deeper/seam.yaml': 'components: [auth]\ncatches: x\n',
    };
    expect((await run(files)).success).toBe(false);
    expect(errors).toEqual([
      `${I}: field "subsets.pr_fast.budget": expected a time budget such as 90s, 10m or 1h30m, got "soon"`,
      'seams/stray/deeper/seam.yaml: expected seams/<name>/seam.yaml, one folder per seam; move it to seams/deeper/seam.yaml',
      'lint-subsets: 2 problem(s); fix the problems above',
    ]);
  });

  it('stops with one line without seamline.yaml', async () => {
    const { [I]: _, ...files } = FIXTURE_FILES;
    expect(await run(files)).toEqual({ success: false });
    expect(errors).toEqual([`${I}: file not found; run \`nx g @seamline/nx:init\` to create it`]);
  });

  it('fails on what a run would refuse later: a seam naming an undeclared component, a seam named like a component, a renderer module that is not there', async () => {
    const result = await run(
      {
        ...FIXTURE_FILES,
        [I]: `${FIXTURE_FILES[I]}renderers: [env, { module: ./tools/nope.js }]\n`,
        'seams/users-auth-contract/seam.yaml': 'components: [users, auht]\nsubsets: [pr_fast]\ncatches: users reads a token field auth renamed\n',
        'seams/auth/seam.yaml': 'components: [auth]\ncatches: auth boots\n',
      },
      { today: '2027-01-01' },
    );
    expect(result).toEqual({ success: false, problems: 3, warnings: 0 });
    expect(errors).toEqual([
      'seams/auth/seam.yaml: seam "auth" has the same name as a component; Nx project names must be unique, rename the seam folder',
      'seams/users-auth-contract/seam.yaml: field "components[1]": unknown component "auht" (declared: auth, billing, users); fix the name, or add it with nx g @seamline/nx:component auht --repo=<url>',
      `renderer module ./tools/nope.js: no such file (${root}/tools/nope.js); fix "renderers" in integration/seamline.yaml`,
      'lint-subsets: 3 problem(s); fix the problems above',
    ]);
  });

  it('fails on a seam command path that is not a file of the seam; a bare name depends on the machine and is left to the run', async () => {
    const seam = (command: string) => `components: [users, auth]\ncatches: users reads a token field auth renamed\ncommand: ${command}\n`;
    const result = await run(
      {
        ...FIXTURE_FILES,
        'seams/users-auth-contract/seam.yaml': `${FIXTURE_FILES['seams/users-auth-contract/seam.yaml']}command: [./check.sh]\n`,
        'seams/users-billing/seam.yaml': seam('[jest-not-installed-here, --ci]'),
      },
      { today: '2027-01-01' },
    );
    expect(result).toEqual({ success: false, problems: 1, warnings: 0 });
    expect(errors).toEqual([
      'seams/users-auth-contract/seam.yaml: field "command": ./check.sh was not found (no executable file ./check.sh in seams/users-auth-contract); fix the command, or install it',
      'lint-subsets: 1 problem(s); fix the problems above',
    ]);
  });

  describe('holds', () => {
    const A = 'a'.repeat(40);
    const withHolds = (entries: string) => ({ ...FIXTURE_FILES, [I]: `${FIXTURE_FILES[I]}hold:\n${entries}` });

    it('passes current holds on declared components', async () => {
      const files = withHolds(`  - { component: auth, sha: ${A}, reason: culprit auth 1234 breaks users, expires: 2027-01-31 }\n`);
      expect(await run(files, { today: '2027-01-31' })).toEqual({ success: true, problems: 0, warnings: 0 });
    });

    it('fails on an expired hold, a hold on an undeclared component and a second hold on one component, one line each', async () => {
      const files = withHolds(
        [
          `  - { component: auth, sha: ${A}, reason: culprit, expires: 2027-01-31 }`,
          `  - { component: ledger, sha: ${A}, reason: culprit, expires: 2027-03-01 }`,
          `  - { component: auth, sha: ${A}, reason: again, expires: 2027-03-01 }`,
          '',
        ].join('\n'),
      );
      expect(await run(files, { today: '2027-02-01' })).toEqual({ success: false, problems: 3, warnings: 0 });
      expect(errors).toEqual([
        `${I}: field "hold[0].expires": 2027-01-31 is in the past (today is 2027-02-01), so auth is no longer held; remove the entry (nx run integration:hold --component=auth --release) once it is fixed, or give a new date`,
        `${I}: field "hold[1].component": unknown component "ledger" (declared: auth, billing, users); remove the entry or fix the name`,
        `${I}: field "hold[2].component": "auth" is already held at hold[0]; keep one entry`,
        'lint-subsets: 3 problem(s); fix the problems above',
      ]);
    });

    it('fails on a held SHA that is not a full 40-hex SHA', async () => {
      const files = withHolds('  - { component: auth, sha: 1a2b3c4, reason: culprit, expires: 2027-01-31 }\n');
      expect((await run(files, { today: '2027-01-01' })).success).toBe(false);
      expect(errors[0]).toBe(
        `${I}: field "hold[0].sha": expected a full 40-character hex commit SHA (short SHAs and branch names are not pins; use \`git rev-parse <ref>\`), got "1a2b3c4"`,
      );
    });
  });
});
