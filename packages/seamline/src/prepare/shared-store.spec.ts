import { sharedStoreEnv } from './shared-store';

describe('sharedStoreEnv', () => {
  it('points pnpm, however it is started, at the one store under .seamline', () => {
    const store = { npm_config_store_dir: '/ws/.seamline/pnpm-store', pnpm_config_store_dir: '/ws/.seamline/pnpm-store' };
    for (const command of [
      ['pnpm', 'install'],
      ['/usr/local/bin/pnpm', 'i'],
      ['corepack', 'pnpm', 'install'],
      ['npx', 'pnpm@9', 'install'],
      ['npx', '-y', 'pnpm@7.33.7', 'install', '--frozen-lockfile'],
    ]) {
      expect(sharedStoreEnv('/ws', command)).toEqual(store);
    }
  });
  it("makes the checkout pnpm's workspace root, so a pnpm-workspace.yaml of the integration workspace above it is not used", () => {
    expect(sharedStoreEnv('/ws', ['npx', '-y', 'pnpm@7.33.7', 'install'], '/ws/.seamline/checkouts/duration@abc')).toMatchObject({
      NPM_CONFIG_WORKSPACE_DIR: '/ws/.seamline/checkouts/duration@abc',
    });
    expect(sharedStoreEnv('/ws', ['npm', 'ci'], '/ws/.seamline/checkouts/duration@abc')).toEqual({});
  });
  it('leaves npm, yarn and other commands alone', () => {
    for (const command of [
      ['npm', 'ci'],
      ['yarn', 'install'],
      ['node', 'build.js', 'pnpm'],
    ])
      expect(sharedStoreEnv('/ws', command)).toEqual({});
  });
});
