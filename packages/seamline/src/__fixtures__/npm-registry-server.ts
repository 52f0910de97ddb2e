import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NpmRegistryServer {
  /** http://127.0.0.1:<port>/, what an .npmrc's `registry=` names. */
  url: string;
  /** Every request's path, in order, and what it got: `reset` is a connection closed before any answer. */
  requests: { path: string; answer: number | 'reset' }[];
  /** The next `n` tarball downloads have their connection closed before any answer, as a flaky registry or proxy does. */
  resetTarballs(n: number): void;
  close(): Promise<void>;
}

export interface RegistryPackage {
  name: string;
  version: string;
  /** The bytes `npm pack` made of it. */
  tarball: Buffer;
  /** Its package.json's bin, which a registry's packument repeats (npx links and runs bins from it). */
  bin?: Record<string, string>;
}

/**
 * A registry on 127.0.0.1 serving `packages` as npm's registry does (a packument per
 * name, the tarball at the address the packument gives), for tests of what an install
 * the prepare runs meets on the network. Anything else is a 404.
 */
export async function startNpmRegistryServer(packages: readonly RegistryPackage[]): Promise<NpmRegistryServer> {
  const requests: NpmRegistryServer['requests'] = [];
  let resets = 0;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const tarball = packages.find((p) => path === tarballPath(p));
    if (tarball && resets > 0) {
      resets--;
      requests.push({ path, answer: 'reset' });
      return void req.socket.destroy();
    }
    if (tarball) {
      requests.push({ path, answer: 200 });
      return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': tarball.tarball.length }).end(tarball.tarball);
    }
    const versions = packages.filter((p) => path === `/${p.name}`);
    if (!versions.length) {
      requests.push({ path, answer: 404 });
      return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    }
    requests.push({ path, answer: 200 });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument(versions, url)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    requests,
    resetTarballs: (n) => void (resets = n),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const tarballPath = (p: RegistryPackage) => `/${p.name}/-/${p.name}-${p.version}.tgz`;

function packument(versions: readonly RegistryPackage[], registry: string) {
  const name = versions[0].name;
  return {
    name,
    'dist-tags': { latest: versions.at(-1)?.version },
    versions: Object.fromEntries(
      versions.map((p) => [
        p.version,
        {
          name,
          version: p.version,
          ...(p.bin ? { bin: p.bin } : {}),
          dist: {
            tarball: `${registry.replace(/\/$/, '')}${tarballPath(p)}`,
            integrity: `sha512-${createHash('sha512').update(p.tarball).digest('base64')}`,
          },
        },
      ]),
    ),
  };
}
