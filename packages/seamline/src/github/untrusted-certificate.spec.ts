import { execFile } from 'node:child_process';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createGitHub } from './client';
import { describeGitHubError } from './github-error';

jest.setTimeout(30_000);

/**
 * A GitHub (Enterprise, or behind a TLS-inspecting proxy) whose certificate a
 * CA of the company's own signed: git trusts it through the system's CAs,
 * Node's fetch does not. A real HTTPS server on 127.0.0.1 with such a chain.
 */
describe('GitHub over TLS with a certificate of a CA Node does not trust', () => {
  let dir: string;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seamline-tls-'));
    const openssl = (args: string[]) => promisify(execFile)('openssl', args, { cwd: dir });
    await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Acme Corp CA']);
    await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
    await writeFile(join(dir, 'san'), 'subjectAltName=IP:127.0.0.1\n');
    await openssl([
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'san',
    ]);
    const [key, cert] = await Promise.all([readFile(join(dir, 'server.key')), readFile(join(dir, 'server.pem'))]);
    server = createServer({ key, cert }, (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('says in one line which CA setting to give Node, after the attempts it made', async () => {
    const gh = await createGitHub({ token: 'ghs_tls_token_never_printed', baseUrl: url, retries: 1, retryAfterBaseValue: 5 });
    const error = await gh.rest.pulls.get({ owner: 'acme', repo: 'users', pull_number: 5 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    const line = describeGitHubError(error);
    expect(line).toBe(
      "unable to verify the first certificate after 2 attempts; the certificate is signed by a CA Node does not trust (a TLS-inspecting proxy, or a GitHub Enterprise server with your own CA): set NODE_USE_SYSTEM_CA=1 to trust the system's CAs as git does, or NODE_EXTRA_CA_CERTS=<that CA's PEM file>",
    );
    expect(line).not.toContain('ghs_tls_token_never_printed');
  });

  it('leaves other failures as they are', () => {
    expect(
      describeGitHubError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { status: 500, cause: { code: 'ECONNREFUSED' }, attempts: 3 })),
    ).toBe('connect ECONNREFUSED 127.0.0.1:1 after 3 attempts');
  });
});
