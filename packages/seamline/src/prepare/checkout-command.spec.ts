import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutCommand } from './checkout-command';
import { checkoutEnv } from './checkout-env';

describe('checkoutCommand: a Yarn 2+ command in a checkout without yarn.lock', () => {
  let checkout: string;
  beforeEach(async () => {
    checkout = await mkdtemp(join(tmpdir(), 'seamline-checkout-'));
    await writeFile(join(checkout, 'package.json'), '{ "name": "clock", "version": "1.0.0" }\n');
  });
  afterEach(() => rm(checkout, { recursive: true, force: true }));

  it.each([
    ['Berry from the npm registry', ['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn', 'install', '--no-immutable'], {}],
    ['the yarn on PATH, which packageManager sets to Berry', ['yarn', 'install'], { 'package.json': '{ "name": "clock", "packageManager": "yarn@4.18.1" }\n' }],
    ['the yarn on PATH, in a checkout with .yarnrc.yml', ['corepack', 'yarn', 'test'], { '.yarnrc.yml': 'nodeLinker: node-modules\n' }],
  ])('a Yarn 2+ command (%s) gets an empty yarn.lock first, and the log says why', async (_, command, files: Record<string, string>) => {
    for (const [file, text] of Object.entries(files)) await writeFile(join(checkout, file), text);
    const start = await checkoutCommand(command, checkout);
    expect(await readFile(join(checkout, 'yarn.lock'), 'utf8')).toBe('');
    expect(start.notes).toEqual([
      expect.stringMatching(/^an empty yarn\.lock, as the checkout has none: without one Yarn 2 and later take the topmost folder/),
    ]);
    expect(start.command).toEqual(command);
  });

  it("leaves Yarn 1 (whose --frozen-lockfile an empty yarn.lock would fail), a checkout's own yarn.lock, and other tools as they are", async () => {
    expect((await checkoutCommand(['npx', '-y', 'yarn@1.22.22', 'install', '--frozen-lockfile'], checkout)).notes).toEqual([]);
    expect((await checkoutCommand(['yarn', 'install', '--frozen-lockfile'], checkout)).notes).toEqual([]);
    await writeFile(join(checkout, 'package.json'), '{ "name": "clock", "packageManager": "yarn@1.22.22" }\n');
    expect((await checkoutCommand(['yarn', 'install'], checkout)).notes).toEqual([]);
    expect((await checkoutCommand(['npx', '-y', 'pnpm@10.34.9', 'install'], checkout)).notes).toEqual([]);
    expect((await checkoutCommand(['npm', 'ci'], checkout)).notes).toEqual([]);
    expect(existsSync(join(checkout, 'yarn.lock'))).toBe(false);
    await writeFile(join(checkout, 'yarn.lock'), '__metadata:\n  version: 8\n');
    expect((await checkoutCommand(['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn', 'install', '--immutable'], checkout)).notes).toEqual([]);
    expect(await readFile(join(checkout, 'yarn.lock'), 'utf8')).toBe('__metadata:\n  version: 8\n');
  });
});

describe('checkoutCommand: npm in a checkout whose devEngines.runtime asks for another Node.js', () => {
  let checkout: string;
  const older = { name: 'node', version: `^${Number(process.versions.node.split('.')[0]) - 2}.0.0` };
  const write = (devEngines: object) => writeFile(join(checkout, 'package.json'), JSON.stringify({ name: 'clock', version: '1.0.0', devEngines }));
  beforeEach(async () => {
    checkout = await mkdtemp(join(tmpdir(), 'seamline-checkout-'));
  });
  afterEach(() => rm(checkout, { recursive: true, force: true }));

  it.each([
    ['the npm on PATH', ['npm', 'ci', '--ignore-scripts'], ['npm', '--force', 'ci', '--ignore-scripts']],
    ["npm's own arguments before a script's", ['npm', 'run', 'test', '--', '--ci'], ['npm', '--force', 'run', 'test', '--', '--ci']],
    ['npm through npx', ['npx', '-y', 'npm@^10.0.0', 'ci', '--no-audit'], ['npx', '-y', 'npm@^10.0.0', 'ci', '--no-audit', '--force']],
    [
      'npm through npx, before a script’s own arguments',
      ['npx', '-y', 'npm@10.9.9', 'test', '--', '--ci'],
      ['npx', '-y', 'npm@10.9.9', 'test', '--force', '--', '--ci'],
    ],
  ])('%s runs with --force, and the log says why', async (_what, command, forced) => {
    await write({ runtime: older });
    const start = await checkoutCommand(command, checkout);
    // Through npx it then starts outside the checkout (devEngines): npm's arguments stay last.
    expect(start.command.slice(-forced.length + (command[0] === 'npx' ? 3 : 0))).toEqual(forced.slice(command[0] === 'npx' ? 3 : 0));
    expect(start.notes).toContainEqual(
      `npm runs with --force: devEngines.runtime in package.json asks for node ${older.version}, and this is Node.js ${process.versions.node}, beside which npm refuses to run (EBADDEVENGINES); --force makes that a warning`,
    );
    await start.done();
  });

  it('leaves npm alone when the running Node.js is in the range or onFail lets npm run, and other tools and npx of them always', async () => {
    await write({ runtime: { name: 'node', version: `>=${process.versions.node.split('.')[0]}` } });
    expect((await checkoutCommand(['npm', 'ci'], checkout)).command).toEqual(['npm', 'ci']);
    await write({ runtime: { ...older, onFail: 'warn' } });
    expect((await checkoutCommand(['npm', 'ci'], checkout)).command).toEqual(['npm', 'ci']);
    await write({ runtime: older });
    expect((await checkoutCommand(['pnpm', 'install'], checkout)).command).toEqual(['pnpm', 'install']);
    // npx and npm exec of another program start outside the checkout (devEngines), without --force.
    for (const command of [
      ['npm', 'exec', '--', 'tsc'],
      ['npx', '-y', 'pnpm@10.34.9', 'install'],
    ]) {
      const start = await checkoutCommand(command, checkout);
      expect(start.command).not.toContain('--force');
      await start.done();
    }
  });
});

describe('npm and pnpm in a checkout whose .npmrc sets engine-strict', () => {
  let checkout: string;
  beforeEach(async () => {
    checkout = await mkdtemp(join(tmpdir(), 'seamline-checkout-'));
    await writeFile(join(checkout, 'package.json'), JSON.stringify({ name: 'clock', version: '1.0.0', engines: { node: '^16.0.0' } }));
  });
  afterEach(() => rm(checkout, { recursive: true, force: true }));

  it.each([
    ['engine-strict=true\n', ['npm', 'ci', '--ignore-scripts']],
    ['registry=https://registry.npmjs.org/\nengine-strict = true\n', ['npx', '-y', 'pnpm@9.15.9', 'install', '--frozen-lockfile']],
    ['engine-strict\n', ['pnpm', 'install']],
  ])('turns it off through the environment (.npmrc %j, %j), and the log says why', async (npmrc, command) => {
    await writeFile(join(checkout, '.npmrc'), npmrc);
    const start = await checkoutCommand(command, checkout);
    expect(start.command).toEqual(command);
    expect(start.notes).toEqual([expect.stringMatching(/^(npm|pnpm) runs with npm_config_engine_strict=false: the checkout's \.npmrc sets engine-strict/)]);
    expect(checkoutEnv('/ws', command, checkout)).toMatchObject({ npm_config_engine_strict: 'false' });
  });

  it('leaves them alone without it, and other tools always', async () => {
    expect(checkoutEnv('/ws', ['npm', 'ci'], checkout)).not.toHaveProperty('npm_config_engine_strict');
    await writeFile(join(checkout, '.npmrc'), 'engine-strict=false\n');
    expect(checkoutEnv('/ws', ['npm', 'ci'], checkout)).not.toHaveProperty('npm_config_engine_strict');
    expect((await checkoutCommand(['npm', 'ci'], checkout)).notes).toEqual([]);
    await writeFile(join(checkout, '.npmrc'), 'engine-strict=true\n');
    expect(checkoutEnv('/ws', ['npx', '-y', 'yarn@1.22.22', 'install'], checkout)).not.toHaveProperty('npm_config_engine_strict');
    expect(checkoutEnv('/ws', ['node', 'build.js'], checkout)).not.toHaveProperty('npm_config_engine_strict');
  });
});
