import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE_FILES } from './__fixtures__/hostile-files';
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
    ...HOSTILE_FILES.map(([what, make]): [string, () => Promise<unknown>] => [what, () => make(join(dir, 'package.json'))]),
  ])('gives undefined for %s', async (_what, make) => {
    await make();
    expect(readPackageJson(dir)).toBeUndefined();
  });
});
