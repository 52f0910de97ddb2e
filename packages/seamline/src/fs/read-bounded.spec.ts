import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE_FILES } from './__fixtures__/hostile-files';
import { readBoundedFile, readBoundedJson } from './read-bounded';

/** Files from repositories nobody here controls: what must come back as undefined, fast, instead of hanging or crashing. */
describe('readBoundedFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seamline-bounded-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads a small regular file', async () => {
    await writeFile(join(dir, 'package.json'), '{"name":"x","dependencies":{"a":"1"}}');
    expect(readBoundedFile(join(dir, 'package.json'))).toBe('{"name":"x","dependencies":{"a":"1"}}');
    expect(readBoundedJson(join(dir, 'package.json'))).toEqual({ name: 'x', dependencies: { a: '1' } });
  });

  it.each([
    ...HOSTILE_FILES,
    ['a symlink to a regular file', async (p: string) => (await writeFile(`${p}.real`, '{}'), symlink(`${p}.real`, p))],
    ['a dangling symlink', (p: string) => symlink(join(dir, 'nowhere'), p)],
    ['a directory', (p: string) => mkdir(p)],
    ['a sparse 2 GB file', async (p: string) => (await writeFile(p, ''), truncate(p, 2 ** 31))],
    ['a file one byte over the limit', (p: string) => writeFile(p, 'x'.repeat(1024 * 1024 + 1))],
  ])('gives undefined for %s', async (_what, make) => {
    const path = join(dir, 'package.json');
    await make(path);
    expect(readBoundedFile(path)).toBeUndefined();
    expect(readBoundedJson(path)).toBeUndefined();
  });

  it('gives undefined for a missing file and for text that is not JSON', async () => {
    expect(readBoundedFile(join(dir, 'missing'))).toBeUndefined();
    await writeFile(join(dir, 'package.json'), 'not json {');
    expect(readBoundedFile(join(dir, 'package.json'))).toBe('not json {');
    expect(readBoundedJson(join(dir, 'package.json'))).toBeUndefined();
  });

  it('honours a smaller limit', async () => {
    await writeFile(join(dir, 'f'), '12345');
    expect(readBoundedFile(join(dir, 'f'), 5)).toBe('12345');
    expect(readBoundedFile(join(dir, 'f'), 4)).toBeUndefined();
  });
});
