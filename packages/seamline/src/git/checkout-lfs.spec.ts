import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE_FILES } from '../fs/__fixtures__/hostile-files';
import { hasLfsFiles } from './checkout-lfs';

/** Asked of every checkout, whose .gitattributes a commit chose: git checks a link out as it was committed. */
describe('hasLfsFiles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seamline-lfs-attributes-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('sees the filter `git lfs track` writes, and nothing without it', async () => {
    expect(hasLfsFiles(dir)).toBe(false);
    await writeFile(join(dir, '.gitattributes'), '*.txt text\n');
    expect(hasLfsFiles(dir)).toBe(false);
    await writeFile(join(dir, '.gitattributes'), '*.bin filter=lfs diff=lfs merge=lfs -text\n');
    expect(hasLfsFiles(dir)).toBe(true);
  });

  it.each(HOSTILE_FILES)('answers no, at once, for a .gitattributes that is %s', async (_what, make) => {
    await make(join(dir, '.gitattributes'));
    expect(hasLfsFiles(dir)).toBe(false);
  });
});
