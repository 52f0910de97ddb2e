import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutCommand } from './checkout-command';

describe('checkoutCommand: a yarn command in a checkout without yarn.lock', () => {
  let checkout: string;
  beforeEach(async () => {
    checkout = await mkdtemp(join(tmpdir(), 'seamline-checkout-'));
    await writeFile(join(checkout, 'package.json'), '{ "name": "clock", "version": "1.0.0" }\n');
  });
  afterEach(() => rm(checkout, { recursive: true, force: true }));

  it.each([
    [['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn', 'install', '--no-immutable']],
    [['npx', '-y', 'yarn@1.22.22', 'install']],
    [['yarn', 'test']],
  ])('%j gets an empty yarn.lock first, and the log says why', async (command) => {
    const start = await checkoutCommand(command, checkout);
    expect(await readFile(join(checkout, 'yarn.lock'), 'utf8')).toBe('');
    expect(start.notes).toEqual([
      expect.stringMatching(/^an empty yarn\.lock, as the checkout has none: without one Yarn 2 and later take the topmost folder/),
    ]);
    expect(start.command).toEqual(command);
  });

  it("leaves a checkout's own yarn.lock, and every other tool's command, as they are", async () => {
    await writeFile(join(checkout, 'yarn.lock'), '__metadata:\n  version: 8\n');
    expect((await checkoutCommand(['yarn', 'install', '--immutable'], checkout)).notes).toEqual([]);
    expect(await readFile(join(checkout, 'yarn.lock'), 'utf8')).toBe('__metadata:\n  version: 8\n');
    await rm(join(checkout, 'yarn.lock'));
    expect((await checkoutCommand(['npx', '-y', 'pnpm@10.34.9', 'install'], checkout)).notes).toEqual([]);
    expect((await checkoutCommand(['npm', 'ci'], checkout)).notes).toEqual([]);
    expect(existsSync(join(checkout, 'yarn.lock'))).toBe(false);
  });
});
