import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FIXTURE_FILES, fixtureWorkspace } from '../__fixtures__/workspace';

/**
 * The inference cache is replaced without a lock and without waiting for the disk. A graph
 * build killed between its temp file and the rename leaves the temp file (a megabyte in a
 * large workspace) in `.nx/workspace-data`: the next cache write removes it, and leaves
 * alone a temp file that a live writer may still be filling. Real kills of a real writer,
 * then the built plugin entry in a real process.
 */
const dist = resolve(__dirname, '../../../../dist/packages/seamline');
const writer = join(__dirname, '__fixtures__', 'cache-writer.cjs');
const probe = join(__dirname, '__fixtures__', 'plugin-entry-probe.cjs');
jest.setTimeout(120_000);

beforeAll(() => {
  if (!existsSync(join(dist, 'src/index.js'))) throw new Error(`${dist} is missing: run \`npx nx build seamline\` first`);
});

const tempFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('.seamline-nodes-') && name.endsWith('.tmp'));

describe('temp files of killed cache writers', () => {
  let root: string;
  let data: string;
  beforeEach(async () => {
    root = await fixtureWorkspace();
    await writeFile(join(root, 'nx.json'), '{}');
    data = join(root, '.nx/workspace-data');
    await mkdir(data, { recursive: true });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('a writer killed at any instant leaves the cache whole or absent; the next write removes what it left', async () => {
    const { execa } = await import('execa');
    // The cache file of another build of the plugin: its temp files are swept too.
    const older = join(data, 'seamline-nodes-0.0.1-0000000000000000.json');
    for (let attempt = 0; attempt < 40 && tempFiles(data).length === 0; attempt++) {
      const child = execa('node', [writer, older], { env: { SEAMLINE_DIST: dist }, reject: false });
      const ready = new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
      const stopped = child.then(({ stderr }) => Promise.reject(new Error(`the cache writer stopped before it wrote: ${stderr}`)));
      await Promise.race([ready, stopped]);
      await sleep(20 + Math.floor(Math.random() * 80));
      // Most of a replace is encoding the 16 MB before its temp file exists, and under load a kill
      // at a random instant lands there every time: so freeze the writer, look, and let it go on
      // for a few milliseconds while it has no temp file (bounded), then kill it where it stands.
      for (let look = 0; look < 50; look++) {
        child.kill('SIGSTOP');
        if (tempFiles(data).length > 0) break;
        child.kill('SIGCONT');
        await sleep(1 + Math.floor(Math.random() * 4));
      }
      child.kill('SIGKILL');
      await child;
      // Never half a file: the old bytes or the new ones.
      if (existsSync(older)) expect(Object.keys(JSON.parse(readFileSync(older, 'utf8')))).toEqual(['entry']);
    }
    const abandoned = tempFiles(data);
    expect(abandoned.length).toBeGreaterThan(0);

    // Minutes pass; then a live writer of another Nx process is in the middle of its temp file.
    const longAgo = new Date(Date.now() - 5 * 60_000);
    for (const name of abandoned) utimesSync(join(data, name), longAgo, longAgo);
    const live = `.seamline-nodes-0.0.1-0000000000000000.json.${process.pid}.0badf00d.tmp`;
    writeFileSync(join(data, live), '{"half":');

    const files = Object.keys(FIXTURE_FILES);
    const result = await execa('node', [probe, JSON.stringify(files)], { cwd: root, env: { SEAMLINE_DIST: dist }, reject: false });
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: '' });

    expect(tempFiles(data)).toEqual([live]);
    const caches = readdirSync(data).filter((name) => name.startsWith('seamline-nodes-'));
    expect(caches).toHaveLength(1);
    expect(caches[0]).not.toBe('seamline-nodes-0.0.1-0000000000000000.json');
    expect(Object.keys(JSON.parse(readFileSync(join(data, caches[0]), 'utf8'))).length).toBeGreaterThanOrEqual(files.length);
  });
});
