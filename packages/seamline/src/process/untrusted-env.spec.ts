import { untrustedEnv } from './untrusted-env';

describe('untrustedEnv', () => {
  it('drops GitHub and Seamline tokens and keeps everything else', () => {
    const env = untrustedEnv(
      { EXTRA: '1' },
      {
        PATH: '/bin',
        GITHUB_TOKEN: 's',
        GH_TOKEN: 's',
        SEAMLINE_TOKEN: 's',
        SEAMLINE_DISPATCH_TOKEN: 's',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 's',
        ACTIONS_RUNTIME_TOKEN: 's',
        GITHUB_REPOSITORY: 'acme/x',
        NX_DAEMON: 'false',
      },
    );
    expect(env).toEqual({ PATH: '/bin', GITHUB_REPOSITORY: 'acme/x', NX_DAEMON: 'false', EXTRA: '1' });
  });

  it('does not let `extra` bring a token back', () => {
    expect(untrustedEnv({ GITHUB_TOKEN: 'again' }, {})).toEqual({});
  });
});
