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
  it('gives a pnpm 11 or later only the pnpm_config_* settings it reads, so npx (npm) has none to warn about', () => {
    const checkout = '/ws/.seamline/checkouts/duration@abc';
    for (const command of [
      ['npx', '-y', 'pnpm@12.25.1', 'install', '--frozen-lockfile'],
      ['npx', 'pnpm@11', 'install'],
      ['corepack', 'pnpm@11.29.0', 'install'],
    ])
      expect(sharedStoreEnv('/ws', command, checkout)).toEqual({ pnpm_config_store_dir: '/ws/.seamline/pnpm-store', PNPM_CONFIG_WORKSPACE_DIR: checkout });
    // No version to go by: both, as for pnpm 10 and before.
    expect(Object.keys(sharedStoreEnv('/ws', ['npx', '-y', 'pnpm@latest', 'install'], checkout)).sort()).toEqual([
      'NPM_CONFIG_WORKSPACE_DIR',
      'npm_config_store_dir',
      'pnpm_config_store_dir',
    ]);
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
