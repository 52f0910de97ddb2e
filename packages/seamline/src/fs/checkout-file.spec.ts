import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE_FILES } from './__fixtures__/hostile-files';
import { readCheckoutFile } from './checkout-file';

describe('readCheckoutFile', () => {
  let tmp: string;
  let checkout: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-checkout-file-'));
    checkout = join(tmp, 'checkout');
    await mkdir(join(checkout, 'config'), { recursive: true });
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  it('reads a regular file, and one a link inside the checkout points to (one .npmrc for several folders)', async () => {
    await writeFile(join(checkout, 'config/npmrc'), 'engine-strict=true\n');
    expect(readCheckoutFile(checkout, 'config/npmrc')).toBe('engine-strict=true\n');
    await symlink('config/npmrc', join(checkout, '.npmrc'));
    expect(readCheckoutFile(checkout, '.npmrc')).toBe('engine-strict=true\n');
  });

  it.each([
    ...HOSTILE_FILES,
    [
      'a link to a regular file outside the checkout',
      async (path: string) => (await writeFile(join(tmp, 'elsewhere'), 'x'), symlink(join(tmp, 'elsewhere'), path)),
    ],
    [
      'a link inside the checkout to a link out of it',
      async (path: string) => (await symlink('/dev/zero', join(checkout, 'config/zero')), symlink('config/zero', path)),
    ],
    ['a dangling link', (path: string) => symlink(join(checkout, 'nowhere'), path)],
  ])('gives undefined for %s', async (_what, make) => {
    await make(join(checkout, '.npmrc'));
    expect(readCheckoutFile(checkout, '.npmrc')).toBeUndefined();
  });

  it('gives undefined for a path that leaves the checkout', async () => {
    await writeFile(join(tmp, 'outside'), 'x');
    expect(readCheckoutFile(checkout, '../outside')).toBeUndefined();
    expect(readCheckoutFile(checkout, 'missing')).toBeUndefined();
  });
});
