import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateDependenciesContext, ProjectConfiguration } from '@nx/devkit';
import { createRepo, gitIn } from '../__fixtures__/git-repos';
import { FIXTURE_FILES, fixtureWorkspace } from '../__fixtures__/workspace';
import { materializePins } from '../git/materialize';
import { createDependencies, packageDependencies } from './create-dependencies';
import { createNodes } from './create-nodes';

jest.setTimeout(30_000);

async function contextFor(root: string): Promise<CreateDependenciesContext> {
  const results = await createNodes[1](Object.keys(FIXTURE_FILES), {}, { workspaceRoot: root, nxJsonConfiguration: {} });
  const projects: Record<string, ProjectConfiguration> = {};
  for (const [, result] of results) for (const [projectRoot, p] of Object.entries(result.projects ?? {})) projects[p.name!] = { ...p, root: projectRoot };
  return {
    projects,
    workspaceRoot: root,
    nxJsonConfiguration: {},
    externalNodes: {},
    fileMap: { projectFileMap: {}, nonProjectFiles: [] },
    filesToProcess: { projectFileMap: {}, nonProjectFiles: [] },
  };
}

describe('createDependencies', () => {
  let root: string;
  beforeEach(async () => {
    root = await fixtureWorkspace();
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('draws dependsOn and seam edges, each with the file that declares it', async () => {
    const edges = await createDependencies({}, await contextFor(root));
    expect(edges.map((e) => [e.source, e.target, e.type, 'sourceFile' in e ? e.sourceFile : undefined]).sort()).toEqual(
      [
        ['users', 'auth', 'static', 'components/users/component.yaml'],
        ['billing', 'users', 'static', 'components/billing/component.yaml'],
        ['users-auth-contract', 'users', 'static', 'seams/users-auth-contract/seam.yaml'],
        ['users-auth-contract', 'auth', 'static', 'seams/users-auth-contract/seam.yaml'],
        ['billing-users-ledger', 'billing', 'static', 'seams/billing-users-ledger/seam.yaml'],
        ['billing-users-ledger', 'users', 'static', 'seams/billing-users-ledger/seam.yaml'],
      ].sort(),
    );
  });

  it('adds an edge from the package.json of the newest materialized checkout', async () => {
    const remotes = await mkdtemp(join(tmpdir(), 'seamline-deps-'));
    try {
      // billing's repository depends on @acme/auth, which component auth provides; billing.yaml does not say so.
      const billing = await createRepo(remotes, 'billing', [
        { 'package.json': JSON.stringify({ name: '@acme/billing', dependencies: { '@acme/auth': '^1.0.0', lodash: '^4' } }) },
      ]);
      await writeFile(join(root, 'components/billing/component.yaml'), `repo: ${billing.url}\ndependsOn: [users]\n`);
      const before = await createDependencies({}, await contextFor(root));
      expect(before.some((e) => e.source === 'billing' && e.target === 'auth')).toBe(false);
      await materializePins(root, [{ component: 'billing', url: billing.url, sha: billing.shas[0] }]);
      const after = await createDependencies({}, await contextFor(root));
      expect(
        after
          .filter((e) => e.source === 'billing')
          .map((e) => e.target)
          .sort(),
      ).toEqual(['auth', 'users']);
      // Implicit, with no file: Nx caches a static edge with its source file, and the checkout is outside the workspace.
      expect(after.find((e) => e.source === 'billing' && e.target === 'auth')).toEqual({ source: 'billing', target: 'auth', type: 'implicit' });
    } finally {
      await rm(remotes, { recursive: true, force: true });
    }
  });

  it('a component providing several packages: a dependency on any of them is an edge, listed or read from its workspace', async () => {
    const remotes = await mkdtemp(join(tmpdir(), 'seamline-deps-'));
    try {
      const platform = await createRepo(remotes, 'platform', [
        {
          'pnpm-workspace.yaml': 'packages: [packages/*]\n',
          'packages/codec/package.json': JSON.stringify({ name: '@acme/codec' }),
          'packages/types/package.json': JSON.stringify({ name: '@acme/types' }),
        },
      ]);
      const billing = await createRepo(remotes, 'billing', [
        { 'package.json': JSON.stringify({ name: '@acme/billing', dependencies: { '@acme/types': '^1' } }) },
      ]);
      const users = await createRepo(remotes, 'users', [{ 'package.json': JSON.stringify({ name: '@acme/users', dependencies: { '@acme/codec': '^1' } }) }]);
      // auth (the fixture's provider) becomes the workspace repository; users lists one package by folder.
      await writeFile(join(root, 'components/auth/component.yaml'), `repo: ${platform.url}\nprovides:\n  npm: { workspace: true }\n`);
      await writeFile(join(root, 'components/billing/component.yaml'), `repo: ${billing.url}\n`);
      await writeFile(join(root, 'components/users/component.yaml'), `repo: ${users.url}\nprovides:\n  npm: [{ name: '@acme/users', path: . }]\n`);
      await materializePins(root, [
        { component: 'auth', url: platform.url, sha: platform.shas[0] },
        { component: 'billing', url: billing.url, sha: billing.shas[0] },
        { component: 'users', url: users.url, sha: users.shas[0] },
      ]);
      const edges = await createDependencies({}, await contextFor(root));
      const components = new Set(['auth', 'billing', 'users']);
      expect(
        edges
          .filter((e) => components.has(e.source))
          .map((e) => `${e.source}>${e.target}`)
          .sort(),
      ).toEqual(['billing>auth', 'users>auth']);
    } finally {
      await rm(remotes, { recursive: true, force: true });
    }
  });

  it('is not broken by a hostile package.json in a checkout: a symlink to /dev/zero, text that is not JSON, fields that are not objects', async () => {
    const remotes = await mkdtemp(join(tmpdir(), 'seamline-deps-'));
    try {
      const billing = await createRepo(remotes, 'billing', [{ 'README.md': 'billing' }]);
      await symlink('/dev/zero', join(billing.dir, 'package.json'));
      await gitIn(billing.dir, ['add', '-A']);
      await gitIn(billing.dir, ['commit', '-q', '-m', 'package.json is /dev/zero']);
      const zero = await gitIn(billing.dir, ['rev-parse', 'HEAD']);
      const notJson = await billing.commit({ 'package.json': '{ "dependencies": { "@acme/auth": ' }, 'not JSON');
      const oddFields = await billing.commit({ 'package.json': JSON.stringify({ dependencies: ['@acme/auth'], devDependencies: null }) }, 'odd fields');
      await writeFile(join(root, 'components/billing/component.yaml'), `repo: ${billing.url}\ndependsOn: [users]\n`);
      for (const sha of [zero, notJson, oddFields]) {
        const [pin] = await materializePins(root, [{ component: 'billing', url: billing.url, sha }]);
        expect(packageDependencies(pin.dir)).toEqual([]);
        const edges = await createDependencies({}, await contextFor(root));
        expect(edges.filter((e) => e.source === 'billing').map((e) => e.target)).toEqual(['users']);
      }
    } finally {
      await rm(remotes, { recursive: true, force: true });
    }
  });

  it('follows a package.json link that ends inside the checkout, as npm does, and not one that leads out of it', async () => {
    const remotes = await mkdtemp(join(tmpdir(), 'seamline-deps-'));
    try {
      const outside = join(remotes, 'outside.json');
      await writeFile(outside, JSON.stringify({ dependencies: { '@acme/auth': '^1' } }));
      const billing = await createRepo(remotes, 'billing', [{ 'config/package.json': JSON.stringify({ dependencies: { '@acme/auth': '^1' } }) }]);
      await symlink('config/package.json', join(billing.dir, 'package.json'));
      await gitIn(billing.dir, ['add', '-A']);
      await gitIn(billing.dir, ['commit', '-q', '-m', 'package.json links to config/package.json']);
      const inside = await gitIn(billing.dir, ['rev-parse', 'HEAD']);
      await rm(join(billing.dir, 'package.json'));
      await symlink(outside, join(billing.dir, 'package.json'));
      await gitIn(billing.dir, ['add', '-A']);
      await gitIn(billing.dir, ['commit', '-q', '-m', 'package.json links out of the repository']);
      const out = await gitIn(billing.dir, ['rev-parse', 'HEAD']);
      await writeFile(join(root, 'components/billing/component.yaml'), `repo: ${billing.url}\ndependsOn: [users]\n`);
      const billingEdges = async (sha: string) => {
        await rm(join(root, '.seamline'), { recursive: true, force: true });
        await materializePins(root, [{ component: 'billing', url: billing.url, sha }]);
        return (await createDependencies({}, await contextFor(root))).filter((e) => e.source === 'billing').map((e) => e.target);
      };
      expect(await billingEdges(inside)).toEqual(['users', 'auth']);
      expect(await billingEdges(out)).toEqual(['users']);
    } finally {
      await rm(remotes, { recursive: true, force: true });
    }
  });

  it('draws no edges for a component whose file did not parse, and does not read the YAML again', async () => {
    const context = await contextFor(root);
    // createNodes could not parse users' file: the project carries no Seamline metadata.
    delete (context.projects.users.metadata as Record<string, unknown>).seamline;
    // Edges come from what createNodes parsed, not from the files: a later edit is not read here.
    await writeFile(join(root, 'components/billing/component.yaml'), 'repo: [\n');
    const edges = await createDependencies({}, context);
    expect(edges.some((e) => e.source === 'users' && e.target === 'auth')).toBe(false);
    expect(edges.some((e) => e.source === 'billing' && e.target === 'users')).toBe(true);
  });
});
