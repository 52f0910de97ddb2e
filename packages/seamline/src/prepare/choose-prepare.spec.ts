import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepo, gitIn, type TestRepo } from '../__fixtures__/git-repos';
import { parseComponentConfig } from '../core/config/parse-config';
import { prepareVariants } from '../core/prepare/prepare-config';
import { isAncestor } from '../git/ancestry';
import { materializePins } from '../git/materialize';
import { choosePrepare } from './choose-prepare';

jest.setTimeout(60_000);

/**
 * Prepare variants checked in real pinned checkouts (depth-1 pins, so the
 * ancestry conditions fetch history): a repository that moves from npm to pnpm.
 */
describe('choosePrepare', () => {
  let root: string;
  let remotes: string;
  let repo: TestRepo;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'seamline-choose-'));
    remotes = await mkdtemp(join(tmpdir(), 'seamline-choose-remote-'));
    repo = await createRepo(remotes, 'duration', [
      { 'package.json': '{"name":"@acme/duration","scripts":{"build":"node build.js"}}', 'package-lock.json': '{"lockfileVersion": 3}' },
      { 'package.json': '{"name":"@acme/duration","scripts":{"build":"tsc"},"devDependencies":{"typescript":"5.9.3"}}' },
      { 'package-lock.json': '', 'pnpm-lock.yaml': 'lockfileVersion: 5.4\n' },
    ]);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(remotes, { recursive: true, force: true });
  });

  const variantsOf = (yaml: string) => {
    const config = parseComponentConfig(`repo: ${repo.url}\n${yaml}`, 'components/duration/component.yaml');
    return prepareVariants(config.prepare, config.provides.npm);
  };
  const choose = async (n: number, yaml: string) => {
    const [pin] = await materializePins(root, [{ component: 'duration', url: repo.url, sha: repo.shas[n] }]);
    return choosePrepare(pin, variantsOf(yaml), (a, d) => isAncestor(root, 'duration', repo.url, a, d));
  };

  it('without prepare, a component that provides an npm package is prepared auto, one that does not is not prepared', () => {
    expect(variantsOf('provides: { npm: "@acme/duration" }\n')).toEqual([{ run: 'auto' }]);
    expect(variantsOf('')).toEqual([]);
    expect(variantsOf('provides: { npm: "@acme/duration" }\nprepare: []\n')).toEqual([]);
  });

  it('auto reads the pinned commit: npm ci in the npm era, pnpm 7 once pnpm-lock.yaml 5.4 is there', async () => {
    expect(await choose(0, 'prepare: auto\n')).toEqual({
      commands: [
        ['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund'],
        ['npm', 'run', 'build'],
      ],
      notes: [
        'auto: npm (the npm on PATH): package-lock.json lockfileVersion 3',
        'install: frozen (package-lock.json)',
        'build: the build script of package.json',
      ],
    });
    expect((await choose(2, 'prepare: auto\n')).notes[0]).toBe('auto: pnpm 7.33.7: pnpm-lock.yaml lockfileVersion 5.4');
  });

  it('auto reads the bun eras too: the binary bun.lockb, then the text bun.lock', async () => {
    const bun = await createRepo(remotes, 'clock', [
      // What bun 1.1 writes starts so; the rest is binary.
      {
        'package.json': '{"name":"@acme/clock","scripts":{"build":"bun build"}}',
        'bun.lockb': '#!/usr/bin/env bun\nbun-lockfile-format-v0\n\u0000\u0002\u00ff',
      },
    ]);
    await gitIn(bun.dir, ['rm', '-q', 'bun.lockb']);
    await bun.commit({ 'bun.lock': '{\n  "lockfileVersion": 1,\n  "workspaces": {\n    "": { "name": "@acme/clock" },\n  },\n}\n' }, 'bun 1.2: text lockfile');
    const chooseBun = async (n: number) => {
      const [pin] = await materializePins(root, [{ component: 'clock', url: bun.url, sha: bun.shas[n] }]);
      return choosePrepare(pin, [{ run: 'auto' }], async () => true);
    };
    expect(await chooseBun(0)).toEqual({
      commands: [
        ['npx', '-y', '--allow-scripts=bun', 'bun@1.1.45', 'install', '--frozen-lockfile', '--ignore-scripts'],
        ['npx', '-y', '--allow-scripts=bun', 'bun@1.1.45', 'run', 'build'],
      ],
      notes: ['auto: bun 1.1.45: bun.lockb (binary, bun 1.1 and earlier)', 'install: frozen (bun.lockb)', 'build: the build script of package.json'],
    });
    expect((await chooseBun(1)).notes.slice(0, 2)).toEqual(['auto: bun 1.3.14: bun.lock lockfileVersion 1', 'install: frozen (bun.lock)']);
  });

  it('auto runs the npm that devEngines ask for when the npm on PATH does not fit them (npm would refuse), and the npm on PATH when it does', async () => {
    const { execa } = await import('execa');
    const onPath = (await execa('npm', ['--version'], { cwd: tmpdir() })).stdout.trim();
    const major = Number(onPath.split('.')[0]);
    const lock = { 'package-lock.json': '{"lockfileVersion": 3}' };
    const api = await createRepo(remotes, 'api', [
      { 'package.json': JSON.stringify({ name: '@acme/api', devEngines: { packageManager: { name: 'npm', version: `^${major}.0.0` } } }), ...lock },
      { 'package.json': JSON.stringify({ name: '@acme/api', devEngines: { packageManager: { name: 'npm', version: `^${major - 1}.0.0` } } }) },
      { 'package.json': JSON.stringify({ name: '@acme/api', devEngines: { packageManager: { name: 'npm', version: `^${major - 1}.0.0`, onFail: 'warn' } } }) },
    ]);
    const chooseApi = async (n: number) => {
      const [pin] = await materializePins(root, [{ component: 'api', url: api.url, sha: api.shas[n] }]);
      return choosePrepare(pin, [{ run: 'auto' }], async () => true);
    };
    // The npm on PATH fits: it runs, as before.
    expect((await chooseApi(0)).commands).toEqual([['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund']]);
    // It does not: npm would refuse (EBADDEVENGINES), so the one asked for runs from the registry.
    expect(await chooseApi(1)).toMatchObject({
      commands: [['npx', '-y', `npm@^${major - 1}.0.0`, 'ci', '--ignore-scripts', '--no-audit', '--no-fund']],
      notes: [
        `auto: npm ^${major - 1}.0.0: package-lock.json lockfileVersion 3; devEngines.packageManager asks for npm ^${major - 1}.0.0, the npm on PATH is ${onPath}`,
        'install: frozen (package-lock.json)',
        expect.any(String),
      ],
    });
    // With onFail warn, npm runs whatever its version.
    expect((await chooseApi(2)).commands).toEqual([['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund']]);
  });

  const eras = (first: string, second: string) => `prepare:
  - when: { exists: pnpm-lock.yaml }
    run: [[pnpm, install], [pnpm, build]]
  - when: { matches: { file: package.json, pattern: '"typescript"' } }
    run: [[npm, install], [npx, tsc]]
  - when: { ancestorOf: ${first} }
    run: auto
  - when: { descendsFrom: ${second} }
    run: [[echo, never]]
`;

  it('the first variant whose condition holds runs, and the notes say which and why the earlier ones did not', async () => {
    const yaml = eras(repo.shas[0], repo.shas[1]);
    expect(await choose(2, yaml)).toEqual({
      commands: [
        ['pnpm', 'install'],
        ['pnpm', 'build'],
      ],
      notes: ['prepare variant 1 of 4 (when pnpm-lock.yaml exists): applies', 'runs its commands'],
    });
    const ts = await choose(1, yaml);
    expect(ts.commands).toEqual([
      ['npm', 'install'],
      ['npx', 'tsc'],
    ]);
    expect(ts.notes).toEqual([
      'prepare variant 1 of 4 (when pnpm-lock.yaml exists): does not apply, pnpm-lock.yaml is missing',
      'prepare variant 2 of 4 (when package.json matches /"typescript"/): applies',
      'runs its commands',
    ]);
    const first = await choose(0, yaml);
    expect(first.notes.slice(2)).toEqual([
      `prepare variant 3 of 4 (when is an ancestor of ${repo.shas[0].slice(0, 12)}): applies`,
      'auto: npm (the npm on PATH): package-lock.json lockfileVersion 3',
      'install: frozen (package-lock.json)',
      'build: the build script of package.json',
    ]);
  });

  it('ancestry is read from the history, fetched into the depth-1 pin cache when needed', async () => {
    const ask = (a: number, d: number) => isAncestor(root, 'duration', repo.url, repo.shas[a], repo.shas[d]);
    expect([await ask(0, 2), await ask(2, 0), await ask(1, 1)]).toEqual([true, false, true]);
  });

  it('no variant applies: the commit fails to prepare, and the notes say why each one did not', async () => {
    const choice = await choose(0, `prepare:\n  - when: { exists: pnpm-lock.yaml, descendsFrom: ${repo.shas[1]} }\n    run: auto\n`);
    expect(choice.commands).toEqual([]);
    expect(choice.notes).toEqual([
      `prepare variant 1 of 1 (when pnpm-lock.yaml exists and descends from ${repo.shas[1].slice(0, 12)}): does not apply, pnpm-lock.yaml is missing`,
    ]);
    expect(choice.problem).toBe(
      `no prepare variant applies to duration at ${repo.shas[0].slice(0, 12)}; add a variant without \`when\` as the last one to cover every other commit`,
    );
  });

  it('reads the commit, not the checkout: neither what a prepare wrote there nor a committed symlink counts', async () => {
    const plain = await createRepo(remotes, 'plain', [{ 'package.json': '{"name":"@acme/plain","dependencies":{"ms":"^2.1.3"}}' }]);
    const [pin] = await materializePins(root, [{ component: 'plain', url: plain.url, sha: plain.shas[0] }]);
    try {
      // A plain install wrote a lockfile into the checkout: the commit has none, and that stays the answer.
      await writeFile(join(pin.dir, 'package-lock.json'), '{"lockfileVersion": 3}');
      expect((await choosePrepare(pin, [{ run: 'auto' }], async () => true)).notes.slice(0, 2)).toEqual([
        'auto: npm (the npm on PATH): no lockfile',
        'install: plain, without devDependencies (no lockfile, no build script)',
      ]);
      expect((await choosePrepare(pin, [{ when: { exists: 'package-lock.json' }, run: [['echo', 'never']] }], async () => true)).problem).toMatch(
        /^no prepare variant applies/,
      );
      // A package.json the commit holds as a symlink out of the checkout is not followed.
      const linked = await createRepo(remotes, 'linked', [{ 'README.md': 'linked\n' }]);
      await symlink(join(remotes, 'elsewhere'), join(linked.dir, 'package.json'));
      const sha = await linked.commit({});
      const [linkedPin] = await materializePins(root, [{ component: 'linked', url: linked.url, sha }]);
      expect(await choosePrepare(linkedPin, [{ run: 'auto' }], async () => true)).toEqual({
        commands: [],
        notes: ['auto: no package.json, nothing to prepare'],
      });
    } finally {
      await rm(join(root, '.seamline/checkouts'), { recursive: true, force: true });
    }
  });
});
