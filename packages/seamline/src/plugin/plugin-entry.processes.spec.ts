import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { FIXTURE_FILES, fixtureWorkspace } from '../__fixtures__/workspace';

/**
 * Nx loads the package entry as the plugin, in a fresh worker process, on every graph
 * build. When every file is in the inferred-nodes cache, that must not load the parsers
 * (js-yaml, yaml, zod), @nx/devkit's index or the library API: they cost more than the inference.
 * With an empty cache, plain YAML files are read by js-yaml alone: yaml stays unloaded.
 * Runs the built plugin (the test target depends on `build`) in a real `node` process.
 */
const dist = resolve(__dirname, '../../../../dist/packages/seamline');
const probe = join(__dirname, '__fixtures__', 'plugin-entry-probe.cjs');
const files = Object.keys(FIXTURE_FILES);
jest.setTimeout(60_000);

beforeAll(() => {
  if (!existsSync(join(dist, 'src/index.js'))) throw new Error(`${dist} is missing: run \`npx nx build seamline\` first`);
});

interface Probe {
  results: [string, unknown][];
  library?: string;
  modules: string[];
}

/** The packages (and the plugin's own folders) a probe loaded. */
function loaded(modules: string[]): Set<string> {
  const names = new Set<string>();
  for (const path of modules) {
    const inPackage = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(path.slice(path.lastIndexOf(`node_modules${sep}`)));
    if (inPackage) names.add(inPackage[1].split(sep).join('/'));
    else if (path.startsWith(join(dist, 'src') + sep)) names.add(`seamline:${path.slice(join(dist, 'src').length + 1).split(sep)[0]}`);
  }
  return names;
}

describe('the plugin entry in a fresh process', () => {
  let root: string;
  beforeEach(async () => {
    root = await fixtureWorkspace();
    await writeFile(join(root, 'nx.json'), '{}');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function runProbe(...args: string[]): Promise<Probe> {
    const { execa } = await import('execa');
    const result = await execa('node', [probe, JSON.stringify(files), ...args], { cwd: root, env: { SEAMLINE_DIST: dist }, reject: false });
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: '' });
    return JSON.parse(result.stdout) as Probe;
  }

  it('loads no parser, no @nx/devkit index and no library API when every file is cached', async () => {
    const cold = await runProbe();
    // The probe sees the parsers when they are needed: an empty cache parses every file, and the fixture's plain files need only js-yaml.
    expect([...loaded(cold.modules)]).toEqual(expect.arrayContaining(['js-yaml', 'zod']));
    expect([...loaded(cold.modules)]).not.toContain('yaml');
    expect(existsSync(join(root, '.nx/workspace-data'))).toBe(true);

    const warm = await runProbe();
    expect(warm.results).toEqual(cold.results);
    expect(warm.results.map(([file]) => file)).toEqual(files);
    const warmLoaded = loaded(warm.modules);
    for (const heavy of ['js-yaml', 'yaml', 'zod', '@nx/devkit', 'execa', 'proper-lockfile', 'semver', '@octokit/rest'])
      expect(warmLoaded).not.toContain(heavy);
    // Nor the parts of Seamline that runs, executors and scripts use.
    for (const part of ['library.js', 'store', 'run', 'github', 'render', 'prepare', 'process', 'executors', 'generators'])
      expect(warmLoaded).not.toContain(`seamline:${part}`);
    expect(warmLoaded).toContain('seamline:plugin');
  });

  it('still serves the library API from the same entry, loading it on first use', async () => {
    const probe = await runProbe('--library');
    expect(probe.library).toBe('function');
    expect(probe.modules).toContain(join(dist, 'src/library.js'));
  });
});
