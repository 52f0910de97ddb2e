import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPackageJson } from './package-json';

describe('readPackageJson', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seamline-package-json-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gives the object a package.json holds', async () => {
    await writeFile(join(dir, 'package.json'), '{"name":"meter","workspaces":["packages/*"]}');
    expect(readPackageJson(dir)).toEqual({ name: 'meter', workspaces: ['packages/*'] });
  });

  it.each([
    ['none', async () => undefined],
    ['JSON that is not an object', () => writeFile(join(dir, 'package.json'), '["meter"]')],
    ['text that is not JSON', () => writeFile(join(dir, 'package.json'), '{ name: meter')],
    ['a link to /dev/zero', () => symlink('/dev/zero', join(dir, 'package.json'))],
    ['a FIFO nobody writes to', async () => void execFileSync('mkfifo', [join(dir, 'package.json')])],
  ])('gives undefined for %s', async (_what, make) => {
    await make();
    expect(readPackageJson(dir)).toBeUndefined();
  });
});
