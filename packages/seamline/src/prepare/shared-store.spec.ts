import { sharedStoreEnv } from './shared-store';

describe('sharedStoreEnv', () => {
  it('points pnpm, however it is started, at the one store under .seamline', () => {
    const store = { npm_config_store_dir: '/ws/.seamline/pnpm-store', pnpm_config_store_dir: '/ws/.seamline/pnpm-store' };
    for (const command of [
      ['pnpm', 'install'],
      ['/usr/local/bin/pnpm', 'i'],
      ['corepack', 'pnpm', 'install'],
      ['npx', 'pnpm@9', 'install'],
    ]) {
      expect(sharedStoreEnv('/ws', command)).toEqual(store);
    }
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
