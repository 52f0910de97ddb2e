import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { transpileModule } from 'typescript';
import { FIXTURE_FILES } from '../../__fixtures__/workspace';
import { parseIntegrationConfig, parseSeamConfig } from '../../core/config/parse-config';
import { seamTestGenerator } from './generator';
import type { SeamTestGeneratorSchema } from './schema';

const I = 'integration/seamline.yaml';
const SEAMLINE_YAML = `# Curated by the platform team: keep pr_fast under ten minutes.
subsets:
  pr_fast:
    seams: [users-auth-contract]   # contract seams only
    budget: 10m
  full: { seams: all, budget: 1h }
`;

describe('seam-test generator', () => {
  let tree: Tree;
  let infos: string[];
  const generate = (options: Partial<SeamTestGeneratorSchema>) =>
    seamTestGenerator(tree, {
      name: 'billing-auth',
      components: 'billing,auth',
      catches: 'billing signs invoices with a key auth rotated',
      skipFormat: true,
      ...options,
    });
  const read = (file: string) => tree.read(file, 'utf-8');

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    for (const [file, text] of Object.entries(FIXTURE_FILES)) tree.write(file, text);
    tree.write(I, SEAMLINE_YAML);
    infos = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
  });

  it('writes seam.yaml, a jest config and a starter spec, and adds the seam to pr_fast', async () => {
    await generate({ components: 'billing, users,auth', catches: 'billing reads "user.id" as a number: users made it a string' });
    expect(read('seams/billing-auth/seam.yaml')).toBe(`# Seam billing-auth: an integration test across billing, users, auth, run at the pins of each manifest.
components: [billing, users, auth]
subsets: [pr_fast]
ring: 1
catches: 'billing reads "user.id" as a number: users made it a string'
command: [jest, --config, jest.config.cjs]
`);
    expect(parseSeamConfig(read('seams/billing-auth/seam.yaml')!, 'seams/billing-auth/seam.yaml')).toEqual({
      components: ['billing', 'users', 'auth'],
      subsets: ['pr_fast'],
      ring: 1,
      catches: 'billing reads "user.id" as a number: users made it a string',
      always: false,
      target: 'test',
      command: ['jest', '--config', 'jest.config.cjs'],
      retries: 0,
    });
    expect(read(I)).toBe(SEAMLINE_YAML.replace('[users-auth-contract]', '[users-auth-contract, billing-auth]'));
    expect(infos).toEqual(['billing-auth: replace the starter test in seams/billing-auth/billing-auth.spec.ts with the contract check of what it catches']);
  });

  it('writes a jest config that runs the spec through the Seamline transform and resolver', async () => {
    await generate({});
    expect(read('seams/billing-auth/jest.config.cjs'))
      .toBe(`// Jest config of seam billing-auth: the \`command\` of its seam.yaml runs jest with it in this folder.
// The transform and the resolver come with @seamline/nx: the transform runs the TypeScript
// spec whatever TypeScript the workspace has (or none), the resolver serves \`@seamline/nx/testing\`.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'billing-auth',
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  transform: {
    '^.+\\\\.ts$': require.resolve('@seamline/nx/src/testing/jest-transform'),
  },
  resolver: require.resolve('@seamline/nx/src/testing/jest-resolver'),
};
`);
  });

  it('writes one starter test per pair of components, checking the package each provides', async () => {
    await generate({ components: 'users,auth,billing' });
    const spec = read('seams/billing-auth/billing-auth.spec.ts')!;
    expect(transpileModule(spec, { reportDiagnostics: true, fileName: 'billing-auth.spec.ts' }).diagnostics).toEqual([]);
    expect(spec).toContain("import { component, manifest } from '@seamline/nx/testing';");
    expect(spec).toContain('// It exists to catch: billing signs invoices with a key auth rotated\n');
    expect(spec.match(/^ {2}it\('.*$/gm)).toEqual([
      "  it('users and auth are checked out at their pins', () => {",
      "  it('users and billing are checked out at their pins', () => {",
      "  it('auth and billing are checked out at their pins', () => {",
    ]);
    expect(spec.match(/^ {4}expectPinned\(.*$/gm)).toEqual([
      "    expectPinned('users', '@acme/users');",
      "    expectPinned('auth', '@acme/auth');",
      "    expectPinned('users', '@acme/users');",
      "    expectPinned('billing');",
      "    expectPinned('auth', '@acme/auth');",
      "    expectPinned('billing');",
    ]);
    expect(spec.match(/\/\/ Replace with the contract check between \w+ and \w+ of what this seam catches \(above\)\./g)).toHaveLength(3);
  });

  it('--runner=node writes an ES module test for node --test instead, with nothing for jest', async () => {
    await generate({ runner: 'node', components: 'users,auth' });
    const yaml = parseSeamConfig(read('seams/billing-auth/seam.yaml')!, 'seams/billing-auth/seam.yaml');
    expect(yaml.command).toEqual(['node', '--test', 'billing-auth.test.mjs']);
    expect(tree.children('seams/billing-auth').sort()).toEqual(['billing-auth.test.mjs', 'seam.yaml']);
    const test = read('seams/billing-auth/billing-auth.test.mjs')!;
    expect(test).toContain("import { describe, it } from 'node:test';");
    expect(test).toContain("import { component, manifest } from '@seamline/nx/testing';");
    expect(test.match(/^ {2}it\('.*$/gm)).toEqual(["  it('users and auth are checked out at their pins', () => {"]);
    expect(test.match(/^ {4}expectPinned\(.*$/gm)).toEqual(["    expectPinned('users', '@acme/users');", "    expectPinned('auth', '@acme/auth');"]);
    // Node reads it as a module: a syntax error would fail every run of the seam.
    const dir = await mkdtemp(join(tmpdir(), 'seamline-node-seam-'));
    try {
      await writeFile(join(dir, 'billing-auth.test.mjs'), test);
      const check = spawnSync(process.execPath, ['--check', join(dir, 'billing-auth.test.mjs')], { encoding: 'utf8' });
      expect([check.status, check.stderr]).toEqual([0, '']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(infos).toEqual(['billing-auth: replace the starter test in seams/billing-auth/billing-auth.test.mjs with the contract check of what it catches']);
    await expect(generate({ name: 'other', runner: 'mocha' as 'node' })).rejects.toThrow(
      '--runner: expected jest (a TypeScript spec) or node (an ES module test for node --test), got "mocha"',
    );
  });

  it('gives a seam of one component one test', async () => {
    await generate({ name: 'billing-smoke', components: ['billing'] });
    expect(read('seams/billing-smoke/billing-smoke.spec.ts')!.match(/^ {2}it\('.*$/gm)).toEqual(["  it('billing is checked out at its pin', () => {"]);
  });

  it('adds the seam once when the subset already lists it, and leaves a subset of all seams unchanged', async () => {
    tree.write(I, SEAMLINE_YAML.replace('[users-auth-contract]', '[billing-auth, users-auth-contract]'));
    await generate({});
    expect(read(I)).toBe(SEAMLINE_YAML.replace('[users-auth-contract]', '[billing-auth, users-auth-contract]'));

    tree.write(I, SEAMLINE_YAML);
    await generate({ name: 'auth-billing', subset: 'full', ring: 3 });
    expect(read(I)).toBe(SEAMLINE_YAML);
    expect(parseSeamConfig(read('seams/auth-billing/seam.yaml')!, 'x')).toMatchObject({ subsets: ['full'], ring: 3 });
  });

  it('adds to a block list at its indentation', async () => {
    const block = 'subsets:\n  nightly:\n    seams:\n      - users-auth-contract\n    budget: 1h\n';
    tree.write(I, block);
    await generate({ subset: 'nightly' });
    expect(read(I)).toBe('subsets:\n  nightly:\n    seams:\n      - users-auth-contract\n      - billing-auth\n    budget: 1h\n');
    expect(parseIntegrationConfig(read(I)!, I).subsets.nightly.seams).toEqual(['users-auth-contract', 'billing-auth']);
  });

  it.each<[string, Partial<SeamTestGeneratorSchema>, string]>([
    ['a bad name', { name: 'Billing Auth' }, 'name: expected lowercase letters, digits, ".", "_" or "-", got "Billing Auth"'],
    ['an existing seam', { name: 'users-auth-contract' }, 'seams/users-auth-contract/seam.yaml: already exists; edit it, or remove it first'],
    ['a component name', { name: 'users' }, 'components/users/component.yaml: a component is already called "users"; project names must be unique'],
    ['no components', { components: ' , ' }, '--components: expected the components this seam exercises, e.g. --components=users,auth'],
    [
      'an unknown component',
      { components: 'billing,ghost' },
      '--components: unknown component "ghost"; add it first with nx g @seamline/nx:component ghost --repo=<url>',
    ],
    ['a component named twice', { components: 'billing,auth,billing' }, '--components: "billing" is named twice'],
    ['an unknown subset', { subset: 'nightly' }, '--subset: unknown subset "nightly" (declared in integration/seamline.yaml: full, pr_fast)'],
    ['a ring out of range', { ring: 4 }, '--ring: expected 1 (in-process), 2 (service-level) or 3 (full platform), got 4'],
    ['blank catches', { catches: '  ' }, '--catches: is empty; write a sentence naming the failure this seam exists to catch'],
    ['placeholder catches', { catches: 'TODO' }, '--catches: "TODO" is a placeholder; write a sentence naming the failure this seam exists to catch'],
  ])('refuses %s and writes nothing', async (_what, options, message) => {
    const before = read(I);
    await expect(generate(options)).rejects.toMatchObject({ name: 'SeamlineError', message });
    expect(tree.exists('seams/billing-auth')).toBe(false);
    expect(tree.children('seams').sort()).toEqual(['billing-users-ledger', 'users-auth-contract']);
    expect(read(I)).toBe(before);
  });

  it('refuses a folder that already holds files, and a workspace without seamline.yaml', async () => {
    tree.write('seams/billing-auth/notes.md', 'x');
    await expect(generate({})).rejects.toMatchObject({
      message: 'seams/billing-auth: already holds files but no seam.yaml; remove the folder or pick another name',
    });
    tree.delete(I);
    await expect(generate({ name: 'other' })).rejects.toMatchObject({
      message: 'integration/seamline.yaml: file not found; run `nx g @seamline/nx:init` first',
    });
  });
});
