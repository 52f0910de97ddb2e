import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NpmRegistryServer, startNpmRegistryServer } from '../__fixtures__/npm-registry-server';
import { PNPM } from '../core/prepare/auto-prepare';
import { LAUNCH_IN_CHECKOUT } from '../core/prepare/npx-outside-checkout';
import { choosePrepare } from './choose-prepare';
import { preparePin } from './prepare-pin';

jest.setTimeout(120_000);

/**
 * Real npx, against a registry on 127.0.0.1 named only in the checkout's .npmrc, launching
 * a package manager (`fake-pm`, whose bin writes where and how it ran) in a checkout whose
 * package.json has devEngines naming it, as `pnpm init` writes them.
 */
describe('a prepare that launches its package manager through npx, in a checkout with devEngines', () => {
  let root: string;
  let registry: NpmRegistryServer;
  const saved = { ...process.env };
  beforeAll(async () => {
    const { execa } = await import('execa');
    root = await realpath(await mkdtemp(join(tmpdir(), 'seamline-npx-devengines-')));
    /** A package whose bin writes where, how and as which version it ran. */
    const fakeTool = async (name: string, version: string) => {
      const pkg = join(root, `${name}-${version}`);
      await mkdir(join(pkg, 'bin'), { recursive: true });
      const bin = { [name]: 'bin/tool.js' };
      await writeFile(join(pkg, 'package.json'), JSON.stringify({ name, version, bin }));
      await writeFile(
        join(pkg, 'bin', 'tool.js'),
        `#!/usr/bin/env node
require('fs').writeFileSync('ran.json', JSON.stringify({ cwd: process.cwd(), args: process.argv.slice(2), initCwd: process.env.INIT_CWD, version: ${JSON.stringify(version)} }));
process.exit(process.argv.includes('--fail') ? 4 : 0);
`,
        { mode: 0o755 },
      );
      const { stdout } = await execa('npm', ['pack', '--silent', '--pack-destination', root], { cwd: pkg });
      return { name, version, bin, tarball: await readFile(join(root, stdout.trim())) };
    };
    // pnpm as prepare: auto names it: the release Seamline knows, and a newer one only a range reaches.
    registry = await startNpmRegistryServer([await fakeTool('fake-pm', '1.0.0'), await fakeTool('pnpm', PNPM[10]), await fakeTool('pnpm', '12.0.0')]);
  });
  afterAll(async () => {
    await registry?.close();
    await rm(root, { recursive: true, force: true });
  });
  afterEach(() => {
    for (const name of ['npm_config_cache', 'npm_config_registry']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  let run = 0;
  /** A checkout with this package.json and an .npmrc naming the registry; npx gets an empty cache of its own and no registry from the environment. */
  const checkout = async (packageJson: object) => {
    const dir = join(root, `run-${++run}`);
    await mkdir(join(dir, 'checkout'), { recursive: true });
    await writeFile(join(dir, 'checkout', 'package.json'), JSON.stringify(packageJson));
    await writeFile(join(dir, 'checkout', '.npmrc'), `registry=${registry.url}\n`);
    process.env.npm_config_cache = join(dir, 'npm-cache');
    delete process.env.npm_config_registry;
    return { ws: join(dir, 'seamline'), dir: join(dir, 'checkout') };
  };
  const leftBehind = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('seamline-npx-') && !root.endsWith(name));
  const devEngines = { packageManager: { name: 'fake-pm', version: '^1.0.0', onFail: 'download' } };

  it('runs the package manager in the checkout, with its arguments, from the registry the checkout names', async () => {
    const { ws, dir } = await checkout({ name: 'users', version: '1.0.0', packageManager: 'fake-pm@1.0.0', devEngines });
    const before = await leftBehind();
    registry.requests.length = 0;
    const prepared = await preparePin(ws, {
      component: 'users',
      sha: 'a'.repeat(40),
      dir,
      commands: [['npx', '-y', 'fake-pm@1.0.0', 'install', '--frozen-lockfile']],
    });
    const log = await readFile(prepared.log!, 'utf8');
    expect(log).not.toContain('npm error');
    expect(prepared.status).toBe('prepared');
    expect(JSON.parse(await readFile(join(dir, 'ran.json'), 'utf8'))).toEqual({
      cwd: dir,
      args: ['install', '--frozen-lockfile'],
      initCwd: dir,
      version: '1.0.0',
    });
    // From the registry only the checkout's .npmrc names (npx asks for the packument more than once).
    expect(registry.requests.filter((r) => r.answer === 200).map((r) => r.path)).toContain('/fake-pm/-/fake-pm-1.0.0.tgz');
    // The log names the command as written, and why npx started elsewhere.
    expect(log).toContain('$ npx -y fake-pm@1.0.0 install --frozen-lockfile\n# npx starts outside the checkout, which has devEngines in package.json');
    expect(await leftBehind()).toEqual(before);
  });

  it('fails the prepare with the package manager’s exit code, as when it ran in place', async () => {
    const { ws, dir } = await checkout({ name: 'users', version: '1.0.0', devEngines });
    const prepare = preparePin(ws, {
      component: 'users',
      sha: 'b'.repeat(40),
      dir,
      commands: [['npx', '-y', '-p', 'fake-pm@1.0.0', 'fake-pm', 'run', '--fail']],
    });
    await expect(prepare).rejects.toThrow(/failed to prepare: `npx -y -p fake-pm@1.0.0 fake-pm run --fail` exited with 4 \(log: /);
    expect(JSON.parse(await readFile(join(dir, 'ran.json'), 'utf8'))).toMatchObject({ cwd: dir, args: ['run', '--fail'] });
  });

  it('starts npx in the checkout as written when its package.json has no devEngines', async () => {
    const { ws, dir } = await checkout({ name: 'users', version: '1.0.0' });
    const prepared = await preparePin(ws, { component: 'users', sha: 'c'.repeat(40), dir, commands: [['npx', '-y', 'fake-pm@1.0.0', 'install']] });
    expect(prepared.status).toBe('prepared');
    expect(await readFile(prepared.log!, 'utf8')).not.toContain('npx starts outside');
    // npx started here: npm names the checkout as where it ran.
    expect(JSON.parse(await readFile(join(dir, 'ran.json'), 'utf8'))).toEqual({ cwd: dir, args: ['install'], initCwd: dir, version: '1.0.0' });
    expect(existsSync(join(dir, 'ran.json'))).toBe(true);
  });

  it.each([
    ['^10.0.0', PNPM[10]],
    // No release Seamline knows is in the range: npx resolves it against the registry.
    ['>=12 <13', '12.0.0'],
  ])('prepare: auto of a commit whose devEngines name pnpm %s, with no packageManager field and no lockfile, installs with pnpm %s', async (range, version) => {
    const { execa } = await import('execa');
    const { ws, dir } = await checkout({
      name: 'users',
      version: '1.0.0',
      dependencies: { ms: '^2.1.3' },
      devEngines: { packageManager: { name: 'pnpm', version: range } },
    });
    // auto reads the pinned commit, not the checkout.
    for (const args of [
      ['init', '-q'],
      ['add', '.'],
      ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'users'],
    ])
      await execa('git', args, { cwd: dir });
    const sha = (await execa('git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout;
    const choice = await choosePrepare({ component: 'users', sha, dir }, [{ run: 'auto' }], async () => true);
    const prepared = await preparePin(ws, { component: 'users', sha, dir, commands: choice.commands });
    expect(prepared.status).toBe('prepared');
    const ran = JSON.parse(await readFile(join(dir, 'ran.json'), 'utf8'));
    expect(ran).toEqual({ cwd: dir, args: ['install', '--no-frozen-lockfile', '--ignore-scripts', '--prod'], initCwd: dir, version });
    expect(choice.notes[0]).toBe(
      `auto: pnpm ${range === '^10.0.0' ? version : range}: devEngines.packageManager pnpm ${range} in package.json (no packageManager field, no lockfile)`,
    );
  });
});

describe('LAUNCH_IN_CHECKOUT, run by node as npx runs it', () => {
  it('runs the program in the checkout with its arguments, as npm started there, and passes its exit code on', async () => {
    const { execa } = await import('execa');
    const dir = await realpath(await mkdtemp(join(tmpdir(), 'seamline-launch-')));
    try {
      const probe =
        'console.log(JSON.stringify([process.cwd(), process.argv.slice(1), process.env.INIT_CWD, process.env.npm_config_local_prefix])); process.exit(7)';
      const run = await execa('node', ['-e', LAUNCH_IN_CHECKOUT, '--', dir, 'node', '-e', probe, '--', '--frozen-lockfile', 'a b'], {
        reject: false,
        cwd: tmpdir(),
      });
      expect(JSON.parse(run.stdout)).toEqual([dir, ['--frozen-lockfile', 'a b'], dir, dir]);
      expect(run.exitCode).toBe(7);
      const missing = await execa('node', ['-e', LAUNCH_IN_CHECKOUT, '--', dir, 'no-such-program-seamline'], { reject: false });
      expect(missing.exitCode).toBe(127);
      expect(missing.stderr).toContain('no-such-program-seamline: spawn no-such-program-seamline ENOENT');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('passes SIGTERM on to the program, which ends with it, and ends as the program did', async () => {
    const { execa } = await import('execa');
    const dir = await realpath(await mkdtemp(join(tmpdir(), 'seamline-launch-')));
    try {
      // The program writes its pid, then waits (bounded: 30 s) unless a signal ends it.
      const program = "require('fs').writeFileSync('pid', String(process.pid)); setTimeout(() => process.exit(0), 30000)";
      const launched = execa('node', ['-e', LAUNCH_IN_CHECKOUT, '--', dir, 'node', '-e', program], { reject: false });
      const pidFile = join(dir, 'pid');
      for (let i = 0; i < 200 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
      const pid = Number(await readFile(pidFile, 'utf8'));
      launched.kill('SIGTERM');
      const result = await launched;
      expect(result.exitCode).toBe(128 + 15);
      // The program is gone too: nothing left running the install after its prepare was stopped.
      expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('prepare: auto of a commit whose devEngines.runtime names an older Node.js, with real npm', () => {
  it('installs and builds (npm refuses both without --force: EBADDEVENGINES)', async () => {
    const { execa } = await import('execa');
    const root = await realpath(await mkdtemp(join(tmpdir(), 'seamline-runtime-')));
    try {
      const dir = join(root, 'checkout');
      await mkdir(dir);
      const older = `^${Number(process.versions.node.split('.')[0]) - 2}.0.0`;
      const pkg = {
        name: 'users',
        version: '1.0.0',
        scripts: { build: `node -e "require('fs').writeFileSync('built', process.version)"` },
        devEngines: { runtime: { name: 'node', version: older } },
      };
      await writeFile(join(dir, 'package.json'), JSON.stringify(pkg));
      const lock = { name: 'users', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'users', version: '1.0.0' } } };
      await writeFile(join(dir, 'package-lock.json'), JSON.stringify(lock));
      // As written, npm refuses here: what the maintainers of that era never saw under their Node.js.
      const inPlace = await execa('npm', ['ci'], { cwd: dir, reject: false });
      expect(inPlace.exitCode).not.toBe(0);
      expect(inPlace.stderr).toContain('EBADDEVENGINES');
      for (const args of [
        ['init', '-q'],
        ['add', '.'],
        ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'users'],
      ])
        await execa('git', args, { cwd: dir });
      const sha = (await execa('git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout;
      const choice = await choosePrepare({ component: 'users', sha, dir }, [{ run: 'auto' }], async () => true);
      expect(choice.commands).toEqual([
        ['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund'],
        ['npm', 'run', 'build'],
      ]);
      const prepared = await preparePin(join(root, 'seamline'), { component: 'users', sha, dir, commands: choice.commands });
      expect(prepared.status).toBe('prepared');
      expect(await readFile(join(dir, 'built'), 'utf8')).toBe(process.version);
      const log = await readFile(prepared.log!, 'utf8');
      expect(log).toContain(`# npm runs with --force: devEngines.runtime in package.json asks for node ${older}`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('prepare: auto of a commit whose .npmrc sets engine-strict and whose engines.node names an older Node.js, with real npm and pnpm', () => {
  it.each([
    [
      'npm',
      'package-lock.json',
      JSON.stringify({ name: 'users', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'users', version: '1.0.0' } } }),
      'EBADENGINE',
    ],
    [
      'pnpm 9.15.9',
      'pnpm-lock.yaml',
      "lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n  excludeLinksFromLockfile: false\n\nimporters:\n\n  .: {}\n",
      'ERR_PNPM_UNSUPPORTED_ENGINE',
    ],
  ])('%s installs (it refuses otherwise: %s)', async (tool, lockfileName, lockfile, refusal) => {
    const { execa } = await import('execa');
    const root = await realpath(await mkdtemp(join(tmpdir(), 'seamline-engine-strict-')));
    try {
      const dir = join(root, 'checkout');
      await mkdir(dir);
      const older = `^${Number(process.versions.node.split('.')[0]) - 2}.0.0`;
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'users', version: '1.0.0', engines: { node: older } }));
      await writeFile(join(dir, '.npmrc'), 'engine-strict=true\n');
      await writeFile(join(dir, lockfileName), lockfile);
      for (const args of [
        ['init', '-q'],
        ['add', '.'],
        ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'users'],
      ])
        await execa('git', args, { cwd: dir });
      const sha = (await execa('git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout;
      const choice = await choosePrepare({ component: 'users', sha, dir }, [{ run: 'auto' }], async () => true);
      const [program, ...args] = choice.commands[0]!;
      // As written, the tool refuses here.
      const inPlace = await execa(program!, args, { cwd: dir, reject: false, all: true });
      expect(inPlace.all).toContain(refusal);
      await rm(join(dir, 'node_modules'), { recursive: true, force: true });
      const prepared = await preparePin(join(root, 'seamline'), { component: 'users', sha, dir, commands: choice.commands });
      expect(prepared.status).toBe('prepared');
      expect(await readFile(prepared.log!, 'utf8')).toContain(
        `# ${tool.split(' ')[0]} runs with npm_config_engine_strict=false: the checkout's .npmrc sets engine-strict`,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('prepare: auto of a yarn 1 commit whose engines.node names an older Node.js, with real yarn 1.22.22', () => {
  it('installs and builds (yarn 1 refuses both otherwise: "The engine "node" is incompatible with this module")', async () => {
    const { execa } = await import('execa');
    const root = await realpath(await mkdtemp(join(tmpdir(), 'seamline-yarn1-engines-')));
    try {
      const dir = join(root, 'checkout');
      await mkdir(dir);
      const older = `^${Number(process.versions.node.split('.')[0]) - 2}.0.0`;
      const pkg = {
        name: 'users',
        version: '1.0.0',
        license: 'MIT',
        scripts: { build: `node -e "require('fs').writeFileSync('built', process.version)"` },
        engines: { node: older },
      };
      await writeFile(join(dir, 'package.json'), JSON.stringify(pkg));
      await writeFile(join(dir, 'yarn.lock'), '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n');
      for (const args of [
        ['init', '-q'],
        ['add', '.'],
        ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'users'],
      ])
        await execa('git', args, { cwd: dir });
      const sha = (await execa('git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout;
      const choice = await choosePrepare({ component: 'users', sha, dir }, [{ run: 'auto' }], async () => true);
      expect(choice.commands).toEqual([
        ['npx', '-y', 'yarn@1.22.22', 'install', '--frozen-lockfile', '--ignore-scripts', '--non-interactive'],
        ['npx', '-y', 'yarn@1.22.22', 'run', 'build'],
      ]);
      const prepared = await preparePin(join(root, 'seamline'), { component: 'users', sha, dir, commands: choice.commands });
      const log = await readFile(prepared.log!, 'utf8');
      expect(prepared.status).toBe('prepared');
      expect(await readFile(join(dir, 'built'), 'utf8')).toBe(process.version);
      expect(log).toContain('$ YARN_NODE_LINKER=node-modules YARN_IGNORE_ENGINES=true YARN_IGNORE_PATH=1 npx -y yarn@1.22.22 run build\n');
      expect(log).toContain(`# yarn 1 runs with YARN_IGNORE_ENGINES=true: engines.node in package.json asks for ${older}`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('prepare: auto of a pnpm 10 commit that says so only in engines.pnpm, with real pnpm', () => {
  it('installs its lockfileVersion 9.0 with pnpm 10, where pnpm 9 refuses (ERR_PNPM_UNSUPPORTED_ENGINE)', async () => {
    const { execa } = await import('execa');
    const root = await realpath(await mkdtemp(join(tmpdir(), 'seamline-engines-pnpm-')));
    try {
      const dir = join(root, 'checkout');
      await mkdir(dir);
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'users', version: '1.0.0', engines: { pnpm: '>=10' } }));
      await writeFile(
        join(dir, 'pnpm-lock.yaml'),
        "lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n  excludeLinksFromLockfile: false\n\nimporters:\n\n  .: {}\n",
      );
      for (const args of [
        ['init', '-q'],
        ['add', '.'],
        ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'users'],
      ])
        await execa('git', args, { cwd: dir });
      const sha = (await execa('git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout;
      const refused = await execa('npx', ['-y', `pnpm@${PNPM[9]}`, 'install', '--frozen-lockfile', '--ignore-scripts'], { cwd: dir, reject: false, all: true });
      expect(refused.all).toContain('ERR_PNPM_UNSUPPORTED_ENGINE');
      const choice = await choosePrepare({ component: 'users', sha, dir }, [{ run: 'auto' }], async () => true);
      expect(choice.commands).toEqual([['npx', '-y', `pnpm@${PNPM[10]}`, 'install', '--frozen-lockfile', '--ignore-scripts']]);
      const prepared = await preparePin(join(root, 'seamline'), { component: 'users', sha, dir, commands: choice.commands });
      expect(prepared.status).toBe('prepared');
      expect(await readFile(prepared.log!, 'utf8')).toContain(`using pnpm v${PNPM[10]}`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
