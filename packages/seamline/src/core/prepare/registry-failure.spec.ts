import { registryFailureLine } from './registry-failure';

describe('registryFailureLine', () => {
  it('finds the line where npm, pnpm or yarn say the network or the registry failed', () => {
    const cases: [string, string][] = [
      [
        'npm error code ECONNRESET\nnpm error network request to http://127.0.0.1:4873/x/-/x-1.0.0.tgz failed, reason: socket hang up',
        'npm error code ECONNRESET',
      ],
      ['npm error code E503\nnpm error 503 Service Unavailable - GET https://registry.npmjs.org/zod', 'npm error code E503'],
      ['npm error 502 Bad Gateway - GET https://registry.npmjs.org/zod', 'npm error 502 Bad Gateway - GET https://registry.npmjs.org/zod'],
      ['npm error code E429', 'npm error code E429'],
      [
        ' ERR_PNPM_META_FETCH_FAIL  GET https://registry.npmjs.org/zod: request to https://registry.npmjs.org/zod failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org',
        'ERR_PNPM_META_FETCH_FAIL  GET https://registry.npmjs.org/zod: request to https://registry.npmjs.org/zod failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org',
      ],
      [
        ' ERR_PNPM_FETCH_504  GET https://registry.npmjs.org/zod: Gateway Timeout - 504',
        'ERR_PNPM_FETCH_504  GET https://registry.npmjs.org/zod: Gateway Timeout - 504',
      ],
      // pnpm 12, a tarball download whose connection was closed, and a registry that refused the connection
      [
        'Error: ERR_PNPM_TARBALL_SIBLING_FETCH_FAILED\n\n  × installing dependencies\n  ╰─▶ Failed to fetch http://127.0.0.1:4886/ms/-/ms-2.1.3.tgz: error sending request: client error (SendRequest): connection closed before message completed',
        '╰─▶ Failed to fetch http://127.0.0.1:4886/ms/-/ms-2.1.3.tgz: error sending request: client error (SendRequest): connection closed before message completed',
      ],
      [
        '  │   Failed to resolve zod@4.0.0\n  ├─▶ error sending request\n  ├─▶ client error (Connect)\n  ╰─▶ Connection refused (os error 111)',
        '├─▶ error sending request',
      ],
      ['➤ YN0001: │ RequestError: connect ETIMEDOUT 104.16.0.35:443', '➤ YN0001: │ RequestError: connect ETIMEDOUT 104.16.0.35:443'],
      // yarn 4.18.1 on Node 24, the compat matrix's 23/24/yarn cell on 2026-12-03
      [
        '➤ YN0000: ┌ Resolution step\n➤ YN0001: │ Error [ERR_SOCKET_CLOSED_BEFORE_CONNECTION]: Socket closed before the connection was established\n    at TLSSocket.onClose (node:net:1243:10)',
        '➤ YN0001: │ Error [ERR_SOCKET_CLOSED_BEFORE_CONNECTION]: Socket closed before the connection was established',
      ],
      [
        'warn: FailedToOpenSocket downloading package manifest zod. Retry 5/5...\nerror: ConnectionRefused downloading package manifest zod\nerror: zod@^4.0.0 failed to resolve',
        'error: ConnectionRefused downloading package manifest zod',
      ],
      ['error: ConnectionClosed downloading tarball find-up@5.0.0', 'error: ConnectionClosed downloading tarball find-up@5.0.0'],
    ];
    for (const [log, line] of cases) expect(registryFailureLine(`$ npm ci\n${log}\n\nexited with 1\n`)).toBe(line);
  });

  it('finds none where the commit is at fault: a version or package that is not there, a lockfile that does not match, a failed build', () => {
    for (const log of [
      'npm error code ETARGET\nnpm error notarget No matching version found for zod@99.0.0.',
      'npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/no-such-package',
      'npm error code EINTEGRITY\nnpm error Integrity checksum failed when using sha512',
      'npm error code ERESOLVE\nnpm error ERESOLVE unable to resolve dependency tree',
      "src/index.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      '      Failed to resolve ms@99.0.0\n  help: The latest release of ms is "2.1.3". Published at 2/23/2024',
      '      Failed to resolve no-such-package@1.0.0\n  help: no-such-package is not in the npm registry, or you have no permission to fetch it.',
      'error: GET https://registry.npmjs.org/no-such-package - 404\nerror: no-such-package@^1.0.0 failed to resolve',
      '# tried again: the registry or the network failed the first try (npm error code ECONNRESET)\n$ npm ci\nnpm error code E404',
      'npm error code EUSAGE\nnpm error `npm ci` can only install packages when your package.json and package-lock.json are in sync.',
    ])
      expect(registryFailureLine(log)).toBeUndefined();
  });
});
