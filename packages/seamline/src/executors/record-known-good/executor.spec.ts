import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '@nx/devkit';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import { sha256 } from '../../core/hash';
import manifestExecutor from '../manifest/executor';
import recordKnownGood from './executor';

const sha = (c: string) => c.repeat(40);
const mains = [`auth@${sha('a')}`, `users@${sha('b')}`, `billing@${sha('c')}`];

describe('record-known-good executor', () => {
  let root: string;
  let errors: jest.SpyInstance;
  const store = () => join(root, 'integration', 'known-good.jsonl');
  beforeEach(async () => {
    root = await fixtureWorkspace();
    errors = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    await manifestExecutor({ kind: 'full', main: mains, out: 'full.yaml' }, executorContext(root));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('appends a chained record for a passing manifest', async () => {
    const env = { ...process.env };
    Object.assign(process.env, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/integration', GITHUB_RUN_ID: '42' });
    try {
      const first = await recordKnownGood({ manifest: 'full.yaml', verdict: 'pass', duration: 742 }, executorContext(root));
      const second = await recordKnownGood(
        { manifest: 'full.yaml', verdict: 'pass', duration: 700, suite: 'nightly', run: 'https://ci/1' },
        executorContext(root),
      );
      expect([first.success, second.success]).toEqual([true, true]);
    } finally {
      process.env = env;
    }
    const [one, two] = (await readFile(store(), 'utf8')).trim().split('\n');
    expect(JSON.parse(one)).toMatchObject({
      tuple: { auth: sha('a'), billing: sha('c'), users: sha('b') },
      suite: 'full',
      duration_s: 742,
      prev: null,
      run: 'https://github.com/acme/integration/actions/runs/42',
    });
    expect(JSON.parse(two)).toMatchObject({ suite: 'nightly', prev: sha256(one), run: 'https://ci/1' });
  });

  it('refuses a failing verdict and records nothing', async () => {
    const result = await recordKnownGood({ manifest: 'full.yaml', verdict: 'fail', duration: 1 }, executorContext(root));
    expect(result.success).toBe(false);
    expect(errors).toHaveBeenCalledWith('--verdict=fail: only a passing run is recorded as known good; nothing was written');
    await expect(readFile(store())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a manifest naming a repository the workspace does not declare', async () => {
    const text = await readFile(join(root, 'full.yaml'), 'utf8');
    await writeFile(join(root, 'evil.yaml'), text.replace('https://github.com/acme/auth.git', 'https://evil.example/auth.git'));
    const result = await recordKnownGood({ manifest: 'evil.yaml', verdict: 'pass', duration: 1 }, executorContext(root));
    expect(result.success).toBe(false);
    expect(errors).toHaveBeenCalledWith(
      'evil.yaml: component "auth" names repo https://evil.example/auth.git, but components/auth/component.yaml declares https://github.com/acme/auth.git; regenerate the manifest',
    );
  });

  it('names a missing manifest file', async () => {
    const result = await recordKnownGood({ manifest: 'nope.yaml', verdict: 'pass', duration: 1 }, executorContext(root));
    expect(result.success).toBe(false);
    expect(errors).toHaveBeenCalledWith('nope.yaml: file not found; pass the path of a manifest.yaml');
  });
});
