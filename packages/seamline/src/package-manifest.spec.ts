import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { satisfies, valid } from 'semver';

/**
 * The published plugin must ask for the versions this repository installs and tests:
 * a range that drifted (the plugin's package.json said js-yaml ^5 while the lockfile held 4)
 * installs a library no test has run against in every user's workspace.
 */
const read = (path: string) => JSON.parse(readFileSync(resolve(__dirname, path), 'utf8')) as { dependencies?: Record<string, string> };

describe('the plugin package.json', () => {
  it('declares each runtime dependency with the range the repository installs', () => {
    const plugin = read('../package.json').dependencies ?? {};
    const root = read('../../../package.json').dependencies ?? {};
    const drifted = Object.entries(plugin)
      .filter(([name]) => name !== '@nx/devkit') // a range across Nx majors, proven by the compat matrix; the repo pins one
      .filter(([name, range]) => root[name] !== range)
      .map(([name, range]) => `${name}: plugin ${range}, repository ${root[name] ?? 'not installed'}`);
    expect(drifted).toEqual([]);
    expect(Object.keys(plugin).length).toBeGreaterThan(5);
  });

  it('admits the release Nx pins of a library both use, so npm keeps one copy and the executor loads one', () => {
    // A range above Nx's pin (yaml ^2.9.1 beside Nx's 2.9.0) nested a second copy under the plugin,
    // and every executor process loaded both: about 80 ms of a warm pr-fast (docs/compatibility.md).
    const plugin = read('../package.json').dependencies ?? {};
    const nx = (JSON.parse(readFileSync(require.resolve('nx/package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
    const pinnedByNx = Object.keys(plugin).filter((name) => valid(nx[name]));
    const apart = pinnedByNx.filter((name) => !satisfies(nx[name], plugin[name])).map((name) => `${name}: plugin ${plugin[name]}, nx pins ${nx[name]}`);
    expect(pinnedByNx).toContain('yaml');
    expect(apart).toEqual([]);
  });
});
