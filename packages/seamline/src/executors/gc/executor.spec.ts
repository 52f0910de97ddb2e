import { existsSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKOUTS_DIR_VARIABLE, placeCheckoutsOutside, workspaceCheckoutsDir } from '../../fs/checkouts-outside';
import { logger } from '../../terminal/logger';
import { executorContext, FIXTURE_FILES, fixtureWorkspace } from '../../__fixtures__/workspace';
import { checkoutDir, checkoutsRoot } from '../../workspace/layout';
import { KnownGoodStore } from '../../store/known-good-store';
import gcExecutor from './executor';

describe('gc executor', () => {
  let root: string;
  let infos: string[];
  let errors: string[];
  const A = 'a'.repeat(40);
  const B = 'b'.repeat(40);

  beforeEach(async () => {
    root = await fixtureWorkspace();
    // Two checkouts of about 64 KB each (no pin cache: removed as plain folders), b used last.
    for (const [sha, minute] of [
      [A, 1],
      [B, 2],
    ] as const) {
      await mkdir(checkoutDir(root, 'auth', sha), { recursive: true });
      await writeFile(join(checkoutDir(root, 'auth', sha), 'data.txt'), 'x'.repeat(64 * 1024));
      const used = join(checkoutsRoot(root), `.auth@${sha}.used`);
      await writeFile(used, '');
      await utimes(used, new Date(Date.UTC(2026, 0, 1, 0, minute)), new Date(Date.UTC(2026, 0, 1, 0, minute)));
    }
    infos = [];
    errors = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    jest.spyOn(logger, 'error').mockImplementation((m) => void errors.push(String(m)));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it('--max-size removes the least recently used checkout and reports what it freed and kept', async () => {
    const result = await gcExecutor({ maxSize: '100KB' }, executorContext(root));
    expect(result).toMatchObject({ success: true, removed: [`auth@${A}`] });
    expect(infos[0]).toMatch(/^Checkouts: \d+ KB before, limit 100 KB; removed 1, freed \d+ KB; \d+ KB left\.$/);
    expect(infos).toContain(`  removed auth@${A}`);
    expect(infos.some((l) => l.startsWith(`  kept auth@${B} (`) && l.endsWith('): within the limit'))).toBe(true);
  });

  it('removes a held pin only after every other: here the newer checkout goes and the held, older one stays', async () => {
    const hold = `hold:\n  - component: auth\n    sha: ${A}\n    reason: culprit auth 1234 breaks users-auth\n    expires: 2099-01-01\n`;
    await writeFile(join(root, 'integration/seamline.yaml'), `${FIXTURE_FILES['integration/seamline.yaml']}${hold}`);
    const result = await gcExecutor({ maxSize: '100KB' }, executorContext(root));
    expect(result).toMatchObject({ success: true, removed: [`auth@${B}`] });
    expect(infos.some((l) => l.startsWith(`  kept auth@${A} (`) && l.endsWith('): held in seamline.yaml'))).toBe(true);
  });

  it('removes a pin of the latest known good only after every other', async () => {
    await new KnownGoodStore(join(root, 'integration/known-good.jsonl')).append({
      timestamp: '2026-11-21T10:00:00Z',
      tuple: { auth: A, users: 'c'.repeat(40), billing: 'd'.repeat(40) },
      manifest_sha256: '0'.repeat(64),
      suite: 'full',
      duration_s: 60,
      run: null,
    });
    const result = await gcExecutor({ maxSize: '100KB' }, executorContext(root));
    expect(result).toMatchObject({ success: true, removed: [`auth@${B}`] });
    expect(infos.some((l) => l.startsWith(`  kept auth@${A} (`) && l.endsWith('): a pin of the latest known good'))).toBe(true);
  });

  it('takes the limit from cache.max_size in integration/seamline.yaml', async () => {
    await writeFile(join(root, 'integration/seamline.yaml'), `${FIXTURE_FILES['integration/seamline.yaml']}cache:\n  max_size: 1KB\n`);
    const result = await gcExecutor({ dryRun: true }, executorContext(root));
    expect(result).toMatchObject({ success: true, removed: [`auth@${A}`, `auth@${B}`] });
    expect(infos[0]).toContain('limit 1.0 KB; would remove 2, would free');
  });

  it('without a limit, or with a bad one, says what to pass', async () => {
    expect((await gcExecutor({}, executorContext(root))).success).toBe(false);
    expect((await gcExecutor({ maxSize: 'lots' }, executorContext(root))).success).toBe(false);
    await writeFile(join(root, 'integration/seamline.yaml'), `${FIXTURE_FILES['integration/seamline.yaml']}cache:\n  max_size: huge\n`);
    expect((await gcExecutor({}, executorContext(root))).success).toBe(false);
    expect(errors).toEqual([
      'no limit: pass --max-size=2GB, or set cache.max_size in integration/seamline.yaml (--orphans alone removes only the folders of deleted or moved workspaces)',
      '--max-size: expected a size such as 500MB or 2GB, got "lots"',
      'integration/seamline.yaml: field "cache.max_size": expected a size such as 500MB or 2GB, got "huge"',
    ]);
  });

  describe('folders of deleted or moved workspaces outside', () => {
    let home: string;
    let gone: string;
    const saved = process.env[CHECKOUTS_DIR_VARIABLE];
    beforeEach(async () => {
      const tmp = realpathSync(await mkdtemp(join(tmpdir(), 'seamline-gc-orphans-')));
      home = join(tmp, 'cache');
      process.env[CHECKOUTS_DIR_VARIABLE] = home;
      // A workspace that ran, then was deleted without gc.
      gone = join(tmp, 'old-integration');
      await mkdir(gone);
      await placeCheckoutsOutside(gone);
      await writeFile(join(workspaceCheckoutsDir(gone), 'checkouts', 'data.bin'), Buffer.alloc(256 * 1024, 1));
      await rm(gone, { recursive: true });
    });
    afterEach(async () => {
      process.env[CHECKOUTS_DIR_VARIABLE] = saved;
      await rm(join(home, '..'), { recursive: true, force: true });
    });

    it('every gc lists them with their size and says how to remove them', async () => {
      const result = await gcExecutor({ maxSize: '1GB' }, executorContext(root));
      expect(result).toMatchObject({ success: true, removedFolders: [] });
      const dir = workspaceCheckoutsDir(gone);
      // 256 KB of data, and the folders' own blocks.
      expect(infos.slice(-2)).toEqual([
        expect.stringMatching(
          new RegExp(`^Folders of deleted or moved workspaces in ${home}: 1, 2[5-9]\\d KB; \`nx run integration:gc --orphans\` removes them\\.$`),
        ),
        expect.stringMatching(new RegExp(`^  ${dir} \\(2[5-9]\\d KB\\): ${gone} is gone$`)),
      ]);
      expect(existsSync(dir)).toBe(true);
    });

    it('--orphans alone removes them, without a limit and without touching this workspace', async () => {
      const dir = workspaceCheckoutsDir(gone);
      expect(await gcExecutor({ orphans: true, dryRun: true }, executorContext(root))).toMatchObject({ success: true, removedFolders: [] });
      expect(infos).toEqual([
        expect.stringMatching(new RegExp(`^Folders of deleted or moved workspaces in ${home}: would remove 1, would free 2[5-9]\\d KB\\.$`)),
        expect.stringMatching(new RegExp(`^  would remove ${dir} \\(2[5-9]\\d KB\\): ${gone} is gone$`)),
      ]);
      expect(existsSync(dir)).toBe(true);

      infos.length = 0;
      expect(await gcExecutor({ orphans: true }, executorContext(root))).toMatchObject({ success: true, removedFolders: [dir] });
      expect(infos).toEqual([
        expect.stringMatching(new RegExp(`^Folders of deleted or moved workspaces in ${home}: removed 1, freed 2[5-9]\\d KB\\.$`)),
        expect.stringMatching(new RegExp(`^  removed ${dir} \\(2[5-9]\\d KB\\): ${gone} is gone$`)),
      ]);
      expect(existsSync(dir)).toBe(false);
      expect(existsSync(checkoutDir(root, 'auth', A))).toBe(true);
    });
  });
});
