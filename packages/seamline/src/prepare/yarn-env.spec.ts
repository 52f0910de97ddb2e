import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { yarnEnv } from './yarn-env';

describe('yarnEnv', () => {
  let checkout: string;
  beforeEach(async () => {
    checkout = await mkdtemp(join(tmpdir(), 'seamline-yarn-env-'));
  });
  afterEach(() => rm(checkout, { recursive: true, force: true }));

  const berry = ['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn', 'install', '--immutable', '--mode=skip-build'];

  it('installs into node_modules, not Plug’n’Play, and ignores a yarnPath from the folders above the checkout', () => {
    expect(yarnEnv(berry, checkout)).toEqual({ YARN_NODE_LINKER: 'node-modules', YARN_IGNORE_PATH: '1' });
    expect(yarnEnv(['yarn', 'run', 'build'], checkout)).toEqual({ YARN_NODE_LINKER: 'node-modules', YARN_IGNORE_ENGINES: 'true', YARN_IGNORE_PATH: '1' });
  });

  it("keeps the release a commit sets itself: yarnPath in its .yarnrc.yml, yarn 1's yarn-path in its .yarnrc", async () => {
    await writeFile(join(checkout, '.yarnrc.yml'), 'nodeLinker: pnp\nyarnPath: .yarn/releases/yarn-3.6.4.cjs\n');
    expect(yarnEnv(berry, checkout)).toEqual({ YARN_NODE_LINKER: 'node-modules' });
    await rm(join(checkout, '.yarnrc.yml'));
    await writeFile(join(checkout, '.yarnrc'), 'yarn-path ".yarn/releases/yarn-1.22.19.cjs"\n');
    expect(yarnEnv(['npx', '-y', 'yarn@1.22.22', 'install'], checkout)).toEqual({ YARN_NODE_LINKER: 'node-modules', YARN_IGNORE_ENGINES: 'true' });
  });

  it('yarn 1 ignores engines (it refuses to run beside an engines.node the running Node.js is not in); Berry, which refuses the setting, gets none', async () => {
    expect(yarnEnv(['npx', '-y', 'yarn@1.22.22', 'install', '--frozen-lockfile'], checkout)).toMatchObject({ YARN_IGNORE_ENGINES: 'true' });
    expect(yarnEnv(berry, checkout)).not.toHaveProperty('YARN_IGNORE_ENGINES');
    await writeFile(join(checkout, 'package.json'), JSON.stringify({ name: 'clock', packageManager: 'yarn@4.18.1' }));
    expect(yarnEnv(['yarn', 'test'], checkout)).not.toHaveProperty('YARN_IGNORE_ENGINES');
    await writeFile(join(checkout, 'package.json'), JSON.stringify({ name: 'clock', packageManager: 'yarn@1.22.22' }));
    expect(yarnEnv(['yarn', 'test'], checkout)).toMatchObject({ YARN_IGNORE_ENGINES: 'true' });
  });

  it('a .yarnrc.yml without yarnPath (a comment naming it is not one) still ignores the ones above', async () => {
    await writeFile(join(checkout, '.yarnrc.yml'), '# yarnPath: set by yarn set version\nenableTelemetry: false\n');
    expect(yarnEnv(berry, checkout)).toMatchObject({ YARN_IGNORE_PATH: '1' });
  });

  it('leaves npm, pnpm, bun and other commands alone', () => {
    for (const command of [
      ['npm', 'ci'],
      ['npx', '-y', 'pnpm@9.15.9', 'install'],
      ['npx', '-y', '--allow-scripts=bun', 'bun@1.4.5', 'install'],
      ['node', 'build.js', 'yarn'],
    ])
      expect(yarnEnv(command, checkout)).toEqual({});
  });
});
