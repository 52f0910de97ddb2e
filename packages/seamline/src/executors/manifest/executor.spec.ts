import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../../terminal/logger';
import { executorContext, fixtureRun, fixtureWorkspace } from '../../__fixtures__/workspace';
import { manifestHash } from '../../core/manifest/manifest';
import { parseManifest } from '../../core/manifest/manifest-yaml';
import recordKnownGood from '../record-known-good/executor';
import manifestExecutor from './executor';

const sha = (c: string) => c.repeat(40);
const mains = [`auth@${sha('a')}`, `users@${sha('b')}`, `billing@${sha('c')}`];

describe('manifest executor', () => {
  let root: string;
  let errors: jest.SpyInstance;
  beforeEach(async () => {
    root = await fixtureWorkspace();
    errors = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const run = (options: Parameters<typeof manifestExecutor>[0]) => manifestExecutor(options, executorContext(root));

  it('writes a full manifest of every component at main, named by its hash', async () => {
    const result = await run({ kind: 'full', main: mains.join(','), timestamp: '2026-11-21T12:00:00Z' });
    expect(result.success).toBe(true);
    const path = result.manifest as string;
    expect(path).toBe(join(root, '.seamline', 'manifests', `full-${String(result.hash).slice(0, 12)}.yaml`));
    const manifest = parseManifest(await readFile(path, 'utf8'), path);
    expect(manifest.kind).toBe('full');
    expect(manifest.subset).toBe('full');
    expect(manifest.others.map((o) => `${o.name}@${o.sha}`)).toEqual([mains[0], mains[2], mains[1]]);
    expect(manifestHash(manifest)).toBe(result.hash);
  });

  it('takes the others of a pr manifest from the last known-good full tuple', async () => {
    const full = await run({ kind: 'full', main: mains, out: 'full.yaml' });
    await recordKnownGood({ manifest: await fixtureRun(root, 'full.yaml', 'full-1') }, executorContext(root));
    const result = await run({ kind: 'pr', component: 'users', sha: sha('9'), pr: 17, out: 'pr.yaml' });
    expect([full.success, result.success]).toEqual([true, true]);
    const manifest = parseManifest(await readFile(join(root, 'pr.yaml'), 'utf8'), 'pr.yaml');
    expect(manifest.kind === 'pr' && manifest.component_under_test).toEqual({
      name: 'users',
      repo: 'https://github.com/acme/users.git',
      sha: sha('9'),
      pr: 17,
    });
    expect(manifest.others.map((o) => [o.name, o.sha, o.from])).toEqual([
      ['auth', sha('a'), 'known-good'],
      ['billing', sha('c'), 'known-good'],
    ]);
    expect(manifest.subset).toBe('pr_fast');
  });

  it('writes a changeset manifest from explicit PR heads', async () => {
    const result = await run({ kind: 'changeset', changeset: 'rename-token', underTest: [`auth@${sha('1')}#4`, `users@${sha('2')}#9`], main: mains });
    expect(result.success).toBe(true);
    const manifest = parseManifest(await readFile(result.manifest as string, 'utf8'), 'm');
    expect(manifest.kind === 'changeset' && manifest.components_under_test.map((p) => [p.name, p.pr])).toEqual([
      ['auth', 4],
      ['users', 9],
    ]);
    expect(manifest.others.map((o) => [o.name, o.from])).toEqual([['billing', 'main']]);
  });

  it.each([
    [
      { kind: 'pr', component: 'users', sha: sha('9') },
      'no known-good or main SHA for component "auth": record a passing full run first, or pass --main=auth@<sha>',
    ],
    [
      { kind: 'pr', component: 'users', sha: 'abc123', main: mains },
      'sha of users: expected a full 40-character hex commit SHA, got "abc123"; use `git rev-parse <ref>`',
    ],
    [
      { kind: 'pr', component: 'payments', sha: sha('9'), main: mains },
      'unknown component "payments" (declared: auth, billing, users); add it with nx g @seamline/nx:component',
    ],
    [{ kind: 'pr', sha: sha('9') }, '--kind=pr: expected --component=<name> and --sha=<40-hex PR head SHA>'],
    [{ kind: 'full', main: mains, subset: 'nightly' }, '--subset: unknown subset "nightly" (declared in integration/seamline.yaml: full, pr_fast)'],
    [{ kind: 'full', main: 'auth@main' }, '--main: auth@main: expected a full 40-character hex commit SHA; use `git rev-parse <ref>`'],
    [{ kind: 'full', main: [...mains, `auth@${sha('f')}`] }, '--main: component "auth" is named twice'],
  ] as const)('refuses %j with one line and writes nothing', async (options, message) => {
    const result = await run(options as never);
    expect(result.success).toBe(false);
    expect(errors.mock.calls).toEqual([[message]]);
    await expect(readFile(join(root, '.seamline'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
