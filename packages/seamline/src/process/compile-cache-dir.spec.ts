import { chmodSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownCompileCacheDir } from './compile-cache-dir';

describe('ownCompileCacheDir', () => {
  let tmp: string;
  const uid = process.getuid?.() ?? 1000;
  const dir = () => join(tmp, `seamline-compile-cache-${uid}`);
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-compile-cache-test-'));
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  it('makes a folder only its user may read or write, and finds it again on the next run', () => {
    expect(ownCompileCacheDir(tmp, uid)).toBe(dir());
    expect(statSync(dir()).mode & 0o777).toBe(0o700);
    expect(ownCompileCacheDir(tmp, uid)).toBe(dir());
  });

  it('refuses a folder others may write: whoever made it could plant code there', () => {
    mkdirSync(dir());
    chmodSync(dir(), 0o777);
    expect(ownCompileCacheDir(tmp, uid)).toBeUndefined();
  });

  it('refuses a folder of another user', () => {
    mkdirSync(dir(), { mode: 0o700 });
    // The folder is this process's; asked for as another user, it is someone else's.
    expect(ownCompileCacheDir(tmp, uid + 1)).toBeUndefined();
  });

  it('refuses a link in its place, even to a folder of its own', () => {
    const elsewhere = join(tmp, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, dir());
    expect(ownCompileCacheDir(tmp, uid)).toBeUndefined();
  });
});
