import { dirname, join } from 'node:path';

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
  const run = pinned();
  const hit = run?.mapped(request);
  if (!run || !hit || !run.inScope(options.basedir)) return options.defaultResolver(request, options);
  const pkg = run.packageJson(hit.dir);
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

/** The run's own `npm/pinned-packages.cjs` (rendered beside SEAMLINE_NPM_PACKAGES): the hooks' rules, not a copy of them. */
interface PinnedPackages {
  mapped(request: string): Hit | undefined;
  packageJson(dir: string): { name?: string; exports?: unknown };
  inScope(path: string): boolean;
}

function pinned(): PinnedPackages | undefined {
  const file = process.env.SEAMLINE_NPM_PACKAGES;
  // Node's require keeps it loaded: jest calls this for every import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file of the run, not a package
  return file ? (require(join(dirname(file), 'pinned-packages.cjs')) as PinnedPackages) : undefined;
}

export = seamlineResolver;
