import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepo, type TestRepo } from '../../packages/seamline/src/__fixtures__/git-repos';
import { createE2eWorkspace, type E2eWorkspace } from './e2e-workspace';

/**
 * A user's path through the real `nx` CLI: init, four components from real git
 * repositories, three seams; then the projects, targets and coupling graph Nx
 * sees, materialization, and component verification.
 */
describe('components and seams as Nx projects', () => {
  let ws: E2eWorkspace;
  let remotes: string;
  const repos: Record<string, TestRepo> = {};

  beforeAll(async () => {
    ws = await createE2eWorkspace();
    remotes = await mkdtemp(join(tmpdir(), 'seamline-e2e-remotes-'));
    const pkg = (name: string, deps: Record<string, string> = {}) => JSON.stringify({ name: `@acme/${name}`, version: '1.0.0', dependencies: deps });
    repos.auth = await createRepo(remotes, 'auth', [{ 'package.json': pkg('auth') }]);
    repos.users = await createRepo(remotes, 'users', [
      { 'package.json': pkg('users', { '@acme/auth': '^1.0.0' }), 'test.js': "console.log('users: 3 tests passed')\n" },
    ]);
    repos.billing = await createRepo(remotes, 'billing', [{ 'package.json': pkg('billing', { '@acme/users': '^1.0.0' }) }]);
    // ledger's package.json consumes @acme/users, but its component.yaml does not say so.
    repos.ledger = await createRepo(remotes, 'ledger', [{ 'package.json': pkg('ledger', { '@acme/users': '^1.0.0' }) }]);
  });
  afterAll(async () => {
    await ws?.remove();
    await rm(remotes, { recursive: true, force: true });
  });

  it('nx add @seamline/nx registers the plugin once and writes seamline.yaml; init again changes nothing', async () => {
    const first = await ws.nx(['add', `@seamline/nx@file:./${ws.tarball}`]);
    expect(first.all).toContain('Package @seamline/nx added successfully');
    expect(first.exitCode).toBe(0);
    const second = await ws.nx(['g', '@seamline/nx:init', '--no-interactive']);
    expect(second.exitCode).toBe(0);
    const nxJson = JSON.parse(await readFile(join(ws.root, 'nx.json'), 'utf8'));
    expect(nxJson.plugins).toEqual(['@seamline/nx']);
    expect(await readFile(join(ws.root, 'integration/seamline.yaml'), 'utf8')).toContain('pr_fast:');
    expect(await readFile(join(ws.root, '.gitignore'), 'utf8')).toMatch(/^\.seamline\/?$/m);
    expect(await readFile(join(ws.root, '.nxignore'), 'utf8')).toMatch(/^\.seamline\/$/m);
    const pkg = JSON.parse(await readFile(join(ws.root, 'package.json'), 'utf8'));
    expect(pkg.devDependencies).toMatchObject({ jest: '30.5.2', typescript: '5.9.3' });
  });

  it('nx g @seamline/nx:component declares each repository and resolves its branch head', async () => {
    const add = (name: string, extra: string[] = []) => ws.nx(['g', '@seamline/nx:component', name, `--repo=${repos[name].url}`, '--no-interactive', ...extra]);
    const auth = await add('auth', ['--npm=@acme/auth']);
    expect(auth.exitCode).toBe(0);
    expect(auth.all).toContain(`auth: main of ${repos.auth.url} is at ${repos.auth.shas[0].slice(0, 12)}`);
    expect((await add('users', ['--dependsOn=auth', '--npm=@acme/users'])).exitCode).toBe(0);
    expect((await add('billing', ['--dependsOn=users'])).exitCode).toBe(0);
    expect((await add('ledger')).exitCode).toBe(0);
    const bad = await ws.nx(['g', '@seamline/nx:component', 'payments', '--repo=acme/payments', '--no-interactive']);
    expect(bad.exitCode).not.toBe(0);
    expect(bad.all).toContain('--repo: expected a git URL');
    // A name and a branch Nx's parser reads as numbers stay the text typed.
    const digits = await ws.nx(['g', '@seamline/nx:component', '2048', `--repo=${repos.auth.url}`, '--branch=1.10', '--skipCheck', '--no-interactive']);
    expect(digits.exitCode).toBe(0);
    const declared = await readFile(join(ws.root, 'components/2048/component.yaml'), 'utf8');
    expect(declared).toContain('# Component 2048:');
    expect(declared).toContain('\nbranch: "1.10"\n');
    await rm(join(ws.root, 'components/2048'), { recursive: true });

    await ws.write({
      'seams/users-auth-contract/seam.yaml': 'components: [users, auth]\nsubsets: [pr_fast]\ncatches: users reads a token field auth renamed\n',
      'seams/billing-users-ledger/seam.yaml': 'components: [billing, users]\nring: 2\ncatches: billing invoices a user id users no longer issues\n',
      'seams/ledger-smoke/seam.yaml': 'components: [ledger]\nring: 3\ncatches: the ledger service does not start\n',
    });
    const config = await readFile(join(ws.root, 'integration/seamline.yaml'), 'utf8');
    await writeFile(join(ws.root, 'integration/seamline.yaml'), config.replace('seams: []', 'seams: [users-auth-contract]'));
  });

  it('nx show projects lists the integration project, every component and every seam', async () => {
    const shown = await ws.nx(['show', 'projects', '--json']);
    expect(shown.exitCode).toBe(0);
    expect(JSON.parse(shown.stdout).sort()).toEqual([
      'auth',
      'billing',
      'billing-users-ledger',
      'integration',
      'ledger',
      'ledger-smoke',
      'users',
      'users-auth-contract',
    ]);
    const components = await ws.nx(['show', 'projects', '--projects=tag:seamline:component', '--json']);
    expect(JSON.parse(components.stdout).sort()).toEqual(['auth', 'billing', 'ledger', 'users']);
    const fast = await ws.nx(['show', 'projects', '--projects=tag:seamline:subset-pr_fast', '--json']);
    expect(JSON.parse(fast.stdout)).toEqual(['users-auth-contract']);
  });

  it('nx show project shows the inferred targets of a component', async () => {
    const shown = await ws.nx(['show', 'project', 'users', '--json']);
    expect(shown.exitCode).toBe(0);
    const project = JSON.parse(shown.stdout);
    expect(project.tags).toContain('seamline:component');
    expect(project.targets.materialize).toMatchObject({ executor: '@seamline/nx:materialize', options: { component: 'users' } });
    expect(project.targets.verify.executor).toBe('@seamline/nx:verify');
    expect(project.targets.verify.metadata.description).toContain("Run users's own prepare and test commands");
    const integration = JSON.parse((await ws.nx(['show', 'project', 'integration', '--json'])).stdout);
    expect(Object.keys(integration.targets).sort()).toEqual([
      'bisect',
      'catalog',
      'changeset',
      'combine',
      'full',
      'gc',
      'hold',
      'known-good',
      'lint-subsets',
      'manifest',
      'materialize',
      'pr-fast',
      'record-known-good',
      'report',
      'reproduce',
    ]);
  });

  it('nx graph --file holds the component -> component and seam -> component edges', async () => {
    const graph = await graphEdges();
    expect(graph).toEqual(
      expect.arrayContaining([
        'users>auth',
        'billing>users',
        'users-auth-contract>users',
        'users-auth-contract>auth',
        'billing-users-ledger>billing',
        'billing-users-ledger>users',
        'ledger-smoke>ledger',
      ]),
    );
    expect(graph).not.toContain('ledger>users');
  });

  it('materializes a manifest with a line per component, then reuses the checkouts; the graph learns from package.json', async () => {
    const mains = Object.entries(repos)
      .map(([n, r]) => `${n}@${r.shas[0]}`)
      .join(',');
    expect((await ws.nx(['run', 'integration:manifest', '--kind=full', `--main=${mains}`, '--out=.seamline/full.yaml'])).exitCode).toBe(0);
    const cold = await ws.nx(['run', 'integration:materialize', '--manifest=.seamline/full.yaml']);
    expect(cold.exitCode).toBe(0);
    for (const name of Object.keys(repos)) {
      expect(cold.all).toMatch(
        new RegExp(`✓ ${name}\\s+${repos[name].shas[0].slice(0, 12)}  fetched\\s+[\\d.]+s  \\.seamline/checkouts/${name}@${repos[name].shas[0]}`),
      );
    }
    expect(cold.all).toContain('4 fetched, 0 cached');
    const warm = await ws.nx(['run', 'integration:materialize', '--manifest=.seamline/full.yaml']);
    expect(warm.all).toContain('0 fetched, 4 cached');
    expect(await graphEdges()).toContain('ledger>users');
  });

  it("a newer checkout's package.json changes the graph at once, with no nx reset, also for a component with dependsOn", async () => {
    // billing's component.yaml says dependsOn users; its next commit also consumes @acme/auth.
    const billing = repos.billing;
    await billing.commit(
      { 'package.json': JSON.stringify({ name: '@acme/billing', version: '1.1.0', dependencies: { '@acme/users': '^1.0.0', '@acme/auth': '^1.0.0' } }) },
      'use auth',
    );
    expect(await graphEdges()).not.toContain('billing>auth');
    const materialized = await ws.nx(['run', 'billing:materialize', `--sha=${billing.shas[billing.shas.length - 1]}`]);
    expect(materialized.exitCode).toBe(0);
    const edges = await graphEdges();
    expect(edges).toContain('billing>auth');
    expect(edges).toContain('billing>users');
  });

  it('a hostile checkout (package.json a symlink to /dev/zero, nested package.json files that are not JSON) breaks no nx command', async () => {
    const ledger = repos.ledger;
    await rm(join(ledger.dir, 'package.json'));
    await symlink('/dev/zero', join(ledger.dir, 'package.json'));
    await ledger.commit({ 'packages/a/package.json': '{ not json', 'packages/b/project.json': '{"name": ', 'packages/c/package.json': '[]' }, 'hostile');
    const sha = ledger.shas[ledger.shas.length - 1];
    const materialized = await ws.nx(['run', 'ledger:materialize', `--sha=${sha}`]);
    expect(materialized.exitCode).toBe(0);
    // Even where .gitignore no longer lists .seamline/: .nxignore keeps Nx out, and the plugin reads no symlink.
    const gitignore = await readFile(join(ws.root, '.gitignore'), 'utf8');
    await writeFile(join(ws.root, '.gitignore'), gitignore.replace(/^\.seamline\/?$/m, ''));
    try {
      const shown = await ws.nx(['show', 'projects', '--json'], { NX_SKIP_NX_CACHE: 'true' });
      expect([shown.exitCode, shown.stderr]).toEqual([0, expect.anything()]);
      expect(JSON.parse(shown.stdout)).toHaveLength(8);
      const edges = await graphEdges();
      // (Which edges the hostile checkout gives is the plugin's unit spec: none; Nx may keep its cached graph here.)
      expect(edges).toContain('ledger-smoke>ledger');
    } finally {
      await writeFile(join(ws.root, '.gitignore'), gitignore);
    }
  });

  it('a component project verifies itself in its checkout', async () => {
    await writeFile(
      join(ws.root, 'components/users/component.yaml'),
      // Its dependency @acme/auth is on no registry: nothing to install (auto would run npm install).
      `${await readFile(join(ws.root, 'components/users/component.yaml'), 'utf8')}test: [node, test.js]\nprepare: []\n`,
    );
    const verify = await ws.nx(['run', 'users:verify', `--sha=${repos.users.shas[0]}`]);
    expect(verify.all).toContain('users: 3 tests passed');
    expect(verify.all).toContain(`users@${repos.users.shas[0].slice(0, 12)} passes its own verification.`);
    expect(verify.exitCode).toBe(0);
  });

  it('an invalid component.yaml is named, and the other projects still load', async () => {
    const file = join(ws.root, 'components/billing/component.yaml');
    const good = await readFile(file, 'utf8');
    await writeFile(file, 'repo: not-a-url\n');
    const partial = await ws.nx(['graph', '--file=partial.json']);
    await writeFile(file, good);
    expect(partial.all).toContain(
      'components/billing/component.yaml: field "repo": expected a git URL (https://, ssh://, file:// or git@host:owner/repo.git), got "not-a-url"',
    );
    expect(partial.all).not.toMatch(/^\s+at .*create-nodes/m);
    const { graph } = JSON.parse(await readFile(join(ws.root, 'partial.json'), 'utf8'));
    expect(Object.keys(graph.nodes).sort()).toEqual(['auth', 'billing-users-ledger', 'integration', 'ledger', 'ledger-smoke', 'users', 'users-auth-contract']);
    expect((await ws.nx(['show', 'projects', '--json'])).exitCode).toBe(0);
  });

  async function graphEdges(): Promise<string[]> {
    const result = await ws.nx(['graph', '--file=graph.json']);
    expect(result.exitCode).toBe(0);
    const { graph } = JSON.parse(await readFile(join(ws.root, 'graph.json'), 'utf8'));
    return Object.values(graph.dependencies as Record<string, { source: string; target: string }[]>)
      .flat()
      .map((d) => `${d.source}>${d.target}`);
  }
});
