import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE_FILES as hostile } from '../fs/__fixtures__/hostile-files';
import { checkoutCommand } from './checkout-command';
import { checkoutEnv } from './checkout-env';

/**
 * The files of a checkout Seamline reads itself to decide how a command runs (package.json,
 * .npmrc, .yarnrc, .yarnrc.yml) come from somebody else's repository: one that is a link to
 * /dev/zero (git checks links out as they were committed) or a FIFO (a script can make one)
 * must not hang or exhaust Seamline's own process, which reads them synchronously. They are
 * read as absent; the tool the commit runs then meets them itself.
 */
describe('a checkout whose files are not regular files', () => {
  let checkout: string;
  beforeEach(async () => {
    checkout = await mkdtemp(join(tmpdir(), 'seamline-hostile-'));
  });
  afterEach(() => rm(checkout, { recursive: true, force: true }));

  const berry = ['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn', 'install', '--immutable'];

  it.each(hostile)('reads package.json, .yarnrc and .yarnrc.yml as absent when each is %s', async (_what, make) => {
    for (const file of ['package.json', '.yarnrc', '.yarnrc.yml']) await make(join(checkout, file));
    expect(checkoutEnv(checkout, ['yarn', 'install'], checkout)).toEqual({ YARN_NODE_LINKER: 'node-modules', YARN_IGNORE_PATH: '1' });
    expect(checkoutEnv(checkout, berry, checkout)).toEqual({ YARN_NODE_LINKER: 'node-modules', YARN_IGNORE_PATH: '1' });
    const yarn = await checkoutCommand(['yarn', 'install', '--frozen-lockfile'], checkout);
    expect(yarn.command).toEqual(['yarn', 'install', '--frozen-lockfile']);
  });

  it.each(hostile)('reads .npmrc as setting nothing when it is %s', async (_what, make) => {
    await make(join(checkout, '.npmrc'));
    expect(checkoutEnv(checkout, ['npm', 'ci'], checkout)).toEqual({});
    expect(checkoutEnv(checkout, ['pnpm', 'install'], checkout)).not.toHaveProperty('npm_config_engine_strict');
  });

  it.each(hostile)('starts npx outside a checkout with devEngines without copying an .npmrc that is %s', async (_what, make) => {
    await writeFile(join(checkout, 'package.json'), JSON.stringify({ name: 'meter', devEngines: { packageManager: { name: 'pnpm' } } }));
    await make(join(checkout, '.npmrc'));
    const outside = await checkoutCommand(['npx', '-y', 'pnpm@10.34.9', 'install', '--frozen-lockfile'], checkout);
    try {
      expect(outside.cwd).not.toBe(checkout);
      expect(JSON.parse(await readFile(join(outside.cwd, 'package.json'), 'utf8'))).toEqual({ private: true });
      await expect(readFile(join(outside.cwd, '.npmrc'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await outside.done();
    }
  });

  it('writes no empty yarn.lock through a yarn.lock that is a dangling link to a file outside the checkout', async () => {
    const outside = join(checkout, '..', `${checkout.split('/').pop()}-outside.lock`);
    await symlink(outside, join(checkout, 'yarn.lock'));
    const start = await checkoutCommand(berry, checkout);
    expect(existsSync(outside)).toBe(false);
    expect(await readlink(join(checkout, 'yarn.lock'))).toBe(outside);
    expect(start.notes).toEqual([]);
  });

  it('follows a link that ends inside the checkout, as npm does: engine-strict in an .npmrc kept elsewhere in the repository', async () => {
    await mkdir(join(checkout, 'config'));
    await writeFile(join(checkout, 'config/npmrc'), 'engine-strict=true\n');
    await symlink('config/npmrc', join(checkout, '.npmrc'));
    expect(checkoutEnv(checkout, ['npm', 'ci'], checkout)).toEqual({ npm_config_engine_strict: 'false' });
  });
});
