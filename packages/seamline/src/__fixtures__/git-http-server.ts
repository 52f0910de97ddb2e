import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface GitHttpServer {
  /** http://127.0.0.1:<port>: `<url>/<name>.git` is `<root>/<name>.git`. */
  url: string;
  /**
   * Every request, in order: its path and the Authorization header it carried. `storage`:
   * a Git LFS object download, from a second server on another port (as GitHub's LFS
   * objects come from another host).
   */
  requests: { path: string; authorization?: string; storage?: true }[];
  close(): Promise<void>;
}

/** Where a bare repository keeps its Git LFS objects, as git-lfs lays them out. */
export const lfsObjectPath = (bare: string, oid: string) => join(bare, 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4), oid);

/**
 * The bare repositories under `root`, served over git's smart HTTP on 127.0.0.1 by
 * `git http-backend` (a CGI program that comes with git), recording what each
 * request carried: for tests of what Seamline sends to a git server.
 */
export async function startGitHttpServer(root: string): Promise<GitHttpServer> {
  const requests: GitHttpServer['requests'] = [];
  const storage = await listen(
    createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push({ path: url.pathname, authorization: req.headers.authorization, storage: true });
      const [, repo, oid] = /^\/([^/]+\.git)\/([0-9a-f]{64})$/.exec(url.pathname) ?? [];
      const file = repo && lfsObjectPath(join(root, repo), oid);
      if (!file || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
      createReadStream(file).pipe(res);
    }),
  );
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, authorization: req.headers.authorization });
    const lfsBatch = /^\/([^/]+\.git)\/info\/lfs\/objects\/batch$/.exec(url.pathname);
    if (lfsBatch) return void answerLfsBatch(req, res, join(root, lfsBatch[1]), `${storage.url}/${lfsBatch[1]}`);
    const header = (name: string) => String(req.headers[name] ?? '');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: header('content-type'),
        REMOTE_ADDR: '127.0.0.1',
        GIT_PROTOCOL: header('git-protocol'),
        ...(req.headers['content-length'] ? { CONTENT_LENGTH: header('content-length') } : {}),
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: header('content-encoding') } : {}),
      },
    });
    req.pipe(cgi.stdin);
    // CGI: headers, a blank line, then the body.
    let head = Buffer.alloc(0);
    let body = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (body) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      body = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const colon = line.indexOf(':');
        const [name, value] = [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
        if (/^status$/i.test(name)) status = Number.parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    cgi.stdout.on('end', () => res.end());
  });
  const git = await listen(server);
  return { url: git.url, requests, close: async () => void (await Promise.all([git.close(), storage.close()])) };
}

async function listen(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * The Git LFS batch API, downloads only (https://github.com/git-lfs/git-lfs/blob/main/docs/api/batch.md):
 * each object the repository has gets a download link on the storage server, without a header,
 * as GitHub's pre-signed links are; one it lacks gets the API's 404 error.
 */
function answerLfsBatch(req: IncomingMessage, res: ServerResponse, bare: string, storageUrl: string): void {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const { objects } = JSON.parse(body) as { objects: { oid: string; size: number }[] };
    const answer = objects.map(({ oid, size }) =>
      existsSync(lfsObjectPath(bare, oid))
        ? { oid, size, actions: { download: { href: `${storageUrl}/${oid}`, expires_in: 3600 } } }
        : { oid, size, error: { code: 404, message: 'Object does not exist' } },
    );
    res.writeHead(200, { 'content-type': 'application/vnd.git-lfs+json' });
    res.end(JSON.stringify({ transfer: 'basic', objects: answer }));
  });
}
