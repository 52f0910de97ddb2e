import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutCommand } from './checkout-command';

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
