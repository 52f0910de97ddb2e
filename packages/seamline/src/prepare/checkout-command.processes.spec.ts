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

/** Commits the checkout as it stands and asks prepare: auto what it runs for that commit (auto reads the commit, not the folder). */
async function commitAndChooseAuto(dir: string) {
  const { execa } = await import('execa');
  for (const args of [
    ['init', '-q'],
    ['add', '.'],
    ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'users'],
  ])
    await execa('git', args, { cwd: dir });
  const sha = (await execa('git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout;
  return { sha, choice: await choosePrepare({ component: 'users', sha, dir }, [{ run: 'auto' }], async () => true) };
}

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
    const { ws, dir } = await checkout({
      name: 'users',
      version: '1.0.0',
      dependencies: { ms: '^2.1.3' },
      devEngines: { packageManager: { name: 'pnpm', version: range } },
    });
    const { sha, choice } = await commitAndChooseAuto(dir);
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

/**
 * Commits of an older toolchain era prepared with `auto` on today's Node.js, through the real
 * tools: each one's first command, run in place as written, is refused, and the prepare passes.
 */
describe('prepare: auto of a commit of an older era, with the real npm, pnpm and yarn', () => {
  const older = `^${Number(process.versions.node.split('.')[0]) - 2}.0.0`;
  const built = { build: `node -e "require('fs').writeFileSync('built', process.version)"` };
  const NPM_LOCK = JSON.stringify({
    name: 'users',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'users', version: '1.0.0' } },
  });
  const PNPM_9_LOCK = "lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n  excludeLinksFromLockfile: false\n\nimporters:\n\n  .: {}\n";
  const YARN_1_LOCK = '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n';
  let root: string;
  beforeEach(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'seamline-era-')));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  /** One commit holding `files` and package.json `pkg`: what its first auto command said in place, and its prepare's log. */
  async function prepareEra(pkg: object, files: Record<string, string>) {
    const { execa } = await import('execa');
    const dir = join(root, 'checkout');
    await mkdir(dir);
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'users', version: '1.0.0', license: 'MIT', ...pkg }));
    for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
    const { sha, choice } = await commitAndChooseAuto(dir);
    const [program, ...args] = choice.commands[0]!;
    const inPlace = await execa(program!, args, { cwd: dir, reject: false, all: true });
    await rm(join(dir, 'node_modules'), { recursive: true, force: true });
    const prepared = await preparePin(join(root, 'seamline'), { component: 'users', sha, dir, commands: choice.commands });
    return { dir, commands: choice.commands, inPlace: inPlace.all, status: prepared.status, log: await readFile(prepared.log!, 'utf8') };
  }

  it('npm, devEngines.runtime naming an older Node.js: installs and builds with --force (EBADDEVENGINES otherwise)', async () => {
    const era = await prepareEra({ scripts: built, devEngines: { runtime: { name: 'node', version: older } } }, { 'package-lock.json': NPM_LOCK });
    expect(era.inPlace).toContain('EBADDEVENGINES');
    expect(era.commands).toEqual([
      ['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund'],
      ['npm', 'run', 'build'],
    ]);
    expect(era.status).toBe('prepared');
    expect(await readFile(join(era.dir, 'built'), 'utf8')).toBe(process.version);
    // Said once, before the first of the two npm commands it applies to.
    expect(era.log.match(/^# npm runs with --force: devEngines\.runtime in package\.json asks for node .*$/gm)).toEqual([expect.stringContaining(older)]);
    expect(era.log.indexOf('# npm runs with --force')).toBeGreaterThan(era.log.indexOf('$ npm ci'));
  });

  it('npm, named second in a devEngines list with a range the npm on PATH is not in: installs and builds with that npm (EBADDEVENGINES otherwise)', async () => {
    const { execa } = await import('execa');
    const onPath = Number((await execa('npm', ['--version'])).stdout.split('.')[0]);
    const range = onPath === 10 ? '^11.0.0' : '^10.0.0';
    const devEngines = { packageManager: [{ name: 'pnpm' }, { name: 'npm', version: range }] };
    const era = await prepareEra({ scripts: built, devEngines }, { 'package-lock.json': NPM_LOCK });
    expect(era.inPlace).toContain('EBADDEVENGINES');
    expect(era.commands).toEqual([
      ['npx', '-y', `npm@${range}`, 'ci', '--ignore-scripts', '--no-audit', '--no-fund'],
      ['npx', '-y', `npm@${range}`, 'run', 'build'],
    ]);
    expect(era.status).toBe('prepared');
    expect(await readFile(join(era.dir, 'built'), 'utf8')).toBe(process.version);
  });

  it.each([
    ['npm', 'EBADENGINE', 'package-lock.json', NPM_LOCK],
    ['pnpm', 'ERR_PNPM_UNSUPPORTED_ENGINE', 'pnpm-lock.yaml', PNPM_9_LOCK],
  ])('%s, engine-strict in .npmrc and an older engines.node: installs (%s otherwise)', async (tool, refusal, lockfileName, lockfile) => {
    const era = await prepareEra({ engines: { node: older } }, { '.npmrc': 'engine-strict=true\n', [lockfileName]: lockfile });
    expect(era.inPlace).toContain(refusal);
    expect(era.status).toBe('prepared');
    expect(era.log).toContain(`# ${tool} runs with npm_config_engine_strict=false: the checkout's .npmrc sets engine-strict`);
  });

  it('yarn 1.22.22, an older engines.node: installs and builds ("The engine "node" is incompatible with this module" otherwise)', async () => {
    const era = await prepareEra({ scripts: built, engines: { node: older } }, { 'yarn.lock': YARN_1_LOCK });
    expect(era.inPlace).toContain('The engine "node" is incompatible with this module');
    expect(era.commands).toEqual([
      ['npx', '-y', 'yarn@1.22.22', 'install', '--frozen-lockfile', '--ignore-scripts', '--non-interactive'],
      ['npx', '-y', 'yarn@1.22.22', 'run', 'build'],
    ]);
    expect(era.status).toBe('prepared');
    expect(await readFile(join(era.dir, 'built'), 'utf8')).toBe(process.version);
    expect(era.log).toContain('$ YARN_NODE_LINKER=node-modules YARN_IGNORE_ENGINES=true YARN_IGNORE_PATH=1 npx -y yarn@1.22.22 run build\n');
    expect(era.log).toContain(`# yarn 1 runs with YARN_IGNORE_ENGINES=true: engines.node in package.json asks for ${older}`);
  });

  it("pnpm 10 installs again into a checkout whose store has moved (a moved workspace's): it empties node_modules by itself, where in a terminal it would ask", async () => {
    const { execa } = await import('execa');
    const dir = join(root, 'checkout');
    await mkdir(join(dir, 'dep'), { recursive: true });
    // A local dependency: it goes through the store, so node_modules records where the store is.
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'users', version: '1.0.0', dependencies: { dep: 'file:./dep' } }));
    await writeFile(join(dir, 'dep', 'package.json'), JSON.stringify({ name: 'dep', version: '1.0.0' }));
    await writeFile(join(dir, 'dep', 'index.js'), 'module.exports = "from dep";\n');
    const { sha } = await commitAndChooseAuto(dir);
    const pnpm = ['npx', '-y', `pnpm@${PNPM[10]}`, 'install', '--ignore-scripts'];
    const before = await preparePin(join(root, 'before'), { component: 'users', sha, dir, commands: [pnpm] });
    expect(before.status).toBe('prepared');
    expect(await readFile(join(dir, 'node_modules', '.modules.yaml'), 'utf8')).toContain(join(root, 'before', '.seamline', 'pnpm-store'));
    // The store is elsewhere now, as after a move, and the prepare changed: the same checkout is installed again.
    const after = await preparePin(join(root, 'after'), { component: 'users', sha, dir, commands: [[...pnpm, '--frozen-lockfile']] });
    expect(after.status).toBe('prepared');
    expect(await readFile(after.log!, 'utf8')).not.toContain('ERR_PNPM_ABORTED_REMOVE_MODULES_DIR_NO_TTY');
    expect(await readFile(join(dir, 'node_modules', '.modules.yaml'), 'utf8')).toContain(join(root, 'after', '.seamline', 'pnpm-store'));
    expect((await execa('node', ['-p', "require('dep')"], { cwd: dir })).stdout).toBe('from dep');
  });

  it('pnpm 10, said only in engines.pnpm, with a lockfileVersion 9.0: installs with pnpm 10 (pnpm 9 refuses: ERR_PNPM_UNSUPPORTED_ENGINE)', async () => {
    const { execa } = await import('execa');
    const era = await prepareEra({ engines: { pnpm: '>=10' } }, { 'pnpm-lock.yaml': PNPM_9_LOCK });
    expect(era.commands).toEqual([['npx', '-y', `pnpm@${PNPM[10]}`, 'install', '--frozen-lockfile', '--ignore-scripts']]);
    const pnpm9 = await execa('npx', ['-y', `pnpm@${PNPM[9]}`, 'install', '--frozen-lockfile', '--ignore-scripts'], { cwd: era.dir, reject: false, all: true });
    expect(pnpm9.all).toContain('ERR_PNPM_UNSUPPORTED_ENGINE');
    expect(era.status).toBe('prepared');
    expect(era.log).toContain(`using pnpm v${PNPM[10]}`);
  });
});
