import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AggregateCreateNodesError, type CreateNodesContext } from '@nx/devkit';
import { FIXTURE_FILES, fixtureWorkspace } from '../__fixtures__/workspace';
import { createNodes, createNodesV2 } from './create-nodes';
import { nxWorkspaceDataDirectory } from './nodes-cache';

const files = Object.keys(FIXTURE_FILES);

describe('createNodes', () => {
  let root: string;
  let context: CreateNodesContext;
  beforeEach(async () => {
    root = await fixtureWorkspace();
    context = { workspaceRoot: root, nxJsonConfiguration: {} };
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const run = async () => Object.fromEntries((await createNodes[1](files, {}, context)).map(([file, result]) => [file, result]));

  it('matches exactly the three Seamline files at their places in the layout', () => {
    expect(createNodes[0]).toBe('{integration/seamline.yaml,components/*/component.yaml,seams/*/seam.yaml}');
    expect(createNodesV2).toBe(createNodes);
  });

  it('infers the integration project with described targets', async () => {
    const project = (await run())['integration/seamline.yaml'].projects?.integration;
    expect(project?.name).toBe('integration');
    expect(project?.tags).toEqual(['seamline:integration']);
    expect(Object.keys(project?.targets ?? {})).toEqual([
      'manifest',
      'materialize',
      'record-known-good',
      'known-good',
      'pr-fast',
      'changeset',
      'full',
      'combine',
      'bisect',
      'reproduce',
      'catalog',
      'report',
      'lint-subsets',
      'hold',
      'gc',
    ]);
    for (const target of Object.values(project?.targets ?? {})) {
      expect(target.executor).toMatch(/^@seamline\/nx:/);
      expect(String(target.metadata?.description).length).toBeGreaterThan(20);
    }
  });

  it('infers each component as a virtual project with materialize and verify', async () => {
    const users = (await run())['components/users/component.yaml'].projects?.['components/users'];
    expect(users).toMatchObject({
      name: 'users',
      root: 'components/users',
      tags: ['seamline:component'],
      targets: {
        materialize: { executor: '@seamline/nx:materialize', options: { component: 'users' } },
        verify: { executor: '@seamline/nx:verify', options: { component: 'users' } },
      },
    });
  });

  it('tags seams with their ring and every subset that lists them', async () => {
    const nodes = await run();
    expect(nodes['seams/users-auth-contract/seam.yaml'].projects?.['seams/users-auth-contract']?.tags).toEqual([
      'seamline:seam',
      'seamline:ring-1',
      'seamline:subset-full',
      'seamline:subset-pr_fast',
    ]);
    expect(nodes['seams/billing-users-ledger/seam.yaml'].projects?.['seams/billing-users-ledger']?.tags).toEqual([
      'seamline:seam',
      'seamline:ring-2',
      'seamline:subset-full',
    ]);
  });

  it("gives a seam with a command an nx:run-commands target running seamline-seam, with the seam's arguments as JSON and no machine path", async () => {
    await writeFile(
      join(root, 'seams/users-auth-contract/seam.yaml'),
      `${FIXTURE_FILES['seams/users-auth-contract/seam.yaml']}command: [jest, --config, "jest config.cjs", '$HOME;x']\ntarget: check\n`,
    );
    const project = (await run())['seams/users-auth-contract/seam.yaml'].projects?.['seams/users-auth-contract'];
    expect(Object.keys(project?.targets ?? {})).toEqual(['check']);
    const target = project!.targets!.check;
    expect(target).toMatchObject({
      executor: 'nx:run-commands',
      options: { command: 'seamline-seam', cwd: 'seams/users-auth-contract', forwardAllArgs: false },
      cache: true,
      inputs: ['{projectRoot}/**/*', { env: 'SEAMLINE_RUN_HASH' }],
      outputs: [],
    });
    expect(JSON.parse(target.options.env.SEAMLINE_SEAM_COMMAND)).toEqual(['jest', '--config', 'jest config.cjs', '$HOME;x']);
    expect(JSON.stringify(target)).not.toContain(root);
    expect(target.metadata?.description).toBe(
      'Seam test (catches: users reads a token field auth renamed): `jest --config jest config.cjs $HOME;x` in seams/users-auth-contract. Run it through integration:pr-fast, full or reproduce.',
    );
  });

  it('re-tags a seam when seamline.yaml changes which subsets list it, through the inference cache', async () => {
    const tags = async () => (await run())['seams/billing-users-ledger/seam.yaml'].projects?.['seams/billing-users-ledger']?.tags;
    expect(await tags()).toEqual(['seamline:seam', 'seamline:ring-2', 'seamline:subset-full']);
    await writeFile(
      join(root, 'integration/seamline.yaml'),
      FIXTURE_FILES['integration/seamline.yaml'].replace('seams: [users-auth-contract]', 'seams: [users-auth-contract, billing-users-ledger]'),
    );
    expect(await tags()).toEqual(['seamline:seam', 'seamline:ring-2', 'seamline:subset-full', 'seamline:subset-pr_fast']);
  });

  it('names an invalid file and still returns every other project', async () => {
    await writeFile(join(root, 'components/billing/component.yaml'), 'repo: nowhere\n');
    const error = await Promise.resolve(createNodes[1](files, {}, context)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateCreateNodesError);
    const aggregate = error as AggregateCreateNodesError;
    expect(aggregate.errors.map(([file, e]) => [file, (e as Error).message])).toEqual([
      [
        'components/billing/component.yaml',
        'components/billing/component.yaml: field "repo": expected a git URL (https://, ssh://, file:// or git@host:owner/repo.git), got "nowhere"',
      ],
    ]);
    expect(aggregate.partialResults.map(([file]) => file).sort()).toEqual(files.filter((f) => !f.includes('billing/')).sort());
  });

  it("names a seam that has a component's name in one line, and still returns every other project", async () => {
    const withSeam = [...files, 'seams/users/seam.yaml'];
    await mkdir(join(root, 'seams/users'), { recursive: true });
    await writeFile(join(root, 'seams/users/seam.yaml'), 'components: [users, auth]\nring: 1\ncatches: x\n');
    const error = (await Promise.resolve(createNodes[1](withSeam, {}, context)).catch((e: unknown) => e)) as AggregateCreateNodesError;
    expect(error).toBeInstanceOf(AggregateCreateNodesError);
    expect(error.errors.map(([file, e]) => [file, (e as Error).message])).toEqual([
      [
        'seams/users/seam.yaml',
        'seams/users/seam.yaml: seam "users" has the same name as a component; Nx project names must be unique, rename the seam folder',
      ],
    ]);
    expect(error.partialResults.map(([file]) => file).sort()).toEqual([...files].sort());
  });

  it('recomputes when a file changes, and reuses results for unchanged files', async () => {
    await run();
    await writeFile(join(root, 'seams/billing-users-ledger/seam.yaml'), 'components: [billing, users]\nring: 3\ncatches: x\n');
    const nodes = await run();
    expect(nodes['seams/billing-users-ledger/seam.yaml'].projects?.['seams/billing-users-ledger']?.tags).toContain('seamline:ring-3');
    expect(nodes['components/users/component.yaml'].projects?.['components/users']?.name).toBe('users');
  });

  // The cache is replaced whole but not synced to disk: after a crash it may be empty, cut
  // short or, on some file systems, zeros. Each must read as no cache, not as an error.
  it.each([
    ['cut short', (json: string) => json.slice(0, json.length / 2)],
    ['empty', () => ''],
    ['full of zero bytes', (json: string) => '\0'.repeat(json.length)],
  ])('infers every project again from a cache file left %s, and writes it whole again', async (_, damage) => {
    const first = await run();
    const dir = nxWorkspaceDataDirectory() as string;
    const cacheFile = join(dir, (await readdir(dir)).find((name) => name.startsWith('seamline-nodes-')) as string);
    await writeFile(cacheFile, damage(await readFile(cacheFile, 'utf8')));
    expect(await run()).toEqual(first);
    // Whole again: an entry per file and one for the subsets. Other specs running beside this one
    // (create-dependencies.spec) share the cache file and may have replaced it meanwhile, whole,
    // with one file of theirs left unparsed: hence at least one per file, not exactly.
    expect(Object.keys(JSON.parse(await readFile(cacheFile, 'utf8')) as object).length).toBeGreaterThanOrEqual(files.length);
  });
});
