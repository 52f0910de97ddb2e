import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/** The part of jest's resolver options this uses (jest-resolve's ResolverOptions), so the types need no jest. */
interface ResolverOptions {
  basedir: string;
  defaultResolver: (path: string, options: ResolverOptions) => string;
  moduleDirectory?: ReadonlyArray<string>;
  paths?: ReadonlyArray<string>;
}

const TESTING = '@seamline/nx/testing';

/**
 * A jest `resolver` for seam tests: jest resolves modules itself, not through
 * Node's require, so the npm override's require hook does not reach it. A
 * request for a pinned provider package (SEAMLINE_NPM_PACKAGES) resolves from
 * the pinned checkout, when it comes from the code under test (a checkout, the
 * seam's own files: not a tool in the workspace's node_modules, as the require hook
 * decides); `@seamline/nx/testing` is this plugin's own testing module (the copy
 * beside this resolver); every other request resolves as jest would.
 *
 *   resolver: require.resolve('@seamline/nx/src/testing/jest-resolver')
 */
function seamlineResolver(request: string, options: ResolverOptions): string {
  // The same copy of the plugin as this resolver, wherever the seam's jest runs from.
  if (request === TESTING) return options.defaultResolver(join(__dirname, 'index'), options);
  const hit = mapped(request);
  if (!hit || !inScope(options.basedir)) return options.defaultResolver(request, options);
  const pkg = packageJson(hit.dir);
  if (pkg.exports != null && pkg.name === hit.name) {
    // The provider resolving itself: its "exports" apply with jest's conditions.
    return options.defaultResolver(request, { ...options, basedir: hit.dir, moduleDirectory: [], paths: [] });
  }
  return options.defaultResolver(join(hit.dir, hit.subpath), options);
}

interface Hit {
  name: string;
  dir: string;
  subpath: string;
}

function mapped(request: string): Hit | undefined {
  const packages = packageMap();
  for (const name of Object.keys(packages)) {
    if (request === name) return { name, dir: packages[name], subpath: '' };
    if (request.startsWith(`${name}/`)) return { name, dir: packages[name], subpath: request.slice(name.length) };
  }
  return undefined;
}

const cache = new Map<string, unknown>();

/** A JSON file of the run's overrides; read once, as jest calls this for every import. */
function readOnce<T>(file: string, missing: T): T {
  if (!cache.has(file)) {
    let data: unknown = missing;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    cache.set(file, data);
  }
  return cache.get(file) as T;
}

/** The packages.json of the run. */
function packageMap(): Record<string, string> {
  const file = process.env.SEAMLINE_NPM_PACKAGES;
  return file ? readOnce<Record<string, string>>(file, {}) : {};
}

/** The rule of the run's require hook (npm-hooks/pinned-packages.cjs inScope), for the folder a request comes from. */
function inScope(dir: string): boolean {
  const file = process.env.SEAMLINE_NPM_PACKAGES;
  const scope = file ? readOnce<{ root: string[]; checkouts: string[] } | undefined>(join(dirname(file), 'scope.json'), undefined) : undefined;
  if (!scope) return true;
  const path = dir + sep;
  if (scope.checkouts.some((checkout) => path.startsWith(checkout + sep))) return true;
  const root = scope.root.find((r) => path.startsWith(r + sep));
  return !(root ? path.slice(root.length) : path).includes(`${sep}node_modules${sep}`);
}

function packageJson(dir: string): { name?: string; exports?: unknown } {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    return {};
  }
}

export = seamlineResolver;
