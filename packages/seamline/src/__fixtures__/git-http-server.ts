import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitHttpServer {
  /** http://127.0.0.1:<port>: `<url>/<name>.git` is `<root>/<name>.git`. */
  url: string;
  /** Every request, in order: its path and the Authorization header it carried. */
  requests: { path: string; authorization?: string }[];
  close(): Promise<void>;
}

/**
 * The bare repositories under `root`, served over git's smart HTTP on 127.0.0.1 by
 * `git http-backend` (a CGI program that comes with git), recording what each
 * request carried: for tests of what Seamline sends to a git server.
 */
export async function startGitHttpServer(root: string): Promise<GitHttpServer> {
  const requests: GitHttpServer['requests'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, authorization: req.headers.authorization });
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
