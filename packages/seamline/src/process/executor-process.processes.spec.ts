import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * What every executor sets up in the process Nx forks for it, tested in a real `node`
 * process (the built plugin: the test target depends on `build`): the environment Nx
 * leaves there (NO_COLOR from the user, FORCE_COLOR=true from Nx) and a Node child of it,
 * as a seam or a prepare command is.
 */
const setup = join(resolve(__dirname, '../../../../dist/packages/seamline'), 'src/process/executor-process.js');
jest.setTimeout(60_000);

beforeAll(() => {
  if (!existsSync(setup)) throw new Error(`${setup} is missing: run \`npx nx build seamline\` first`);
});

async function runNode(script: string, env: Record<string, string | undefined>) {
  const { execa } = await import('execa');
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['NO_COLOR', 'FORCE_COLOR', 'NX_COMPILE_CACHE', 'NODE_COMPILE_CACHE'].includes(k)),
  );
  return execa(process.execPath, ['-e', script], { env: { ...inherited, ...env }, extendEnv: false, reject: false });
}

// The child asks Node how many colours it may use (what Jest, npm and chalk-like libraries do); Node warns there when NO_COLOR and FORCE_COLOR clash.
const child = `require(${JSON.stringify(setup)});
const probe = "console.log(require('tty').WriteStream.prototype.getColorDepth.call({}, process.env))";
const r = require('node:child_process').spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
process.stdout.write(JSON.stringify({ forceColor: process.env.FORCE_COLOR, depth: r.stdout.trim(), stderr: r.stderr }));`;

describe('the executor process', () => {
  it('under NO_COLOR, turns Nx’s FORCE_COLOR=true into FORCE_COLOR=0: children print no colour and no warning', async () => {
    const r = await runNode(child, { NO_COLOR: '1', FORCE_COLOR: 'true' });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ forceColor: '0', depth: '1', stderr: '' });
  });

  it('leaves FORCE_COLOR alone without NO_COLOR', async () => {
    const r = await runNode(child, { FORCE_COLOR: 'true' });
    expect(JSON.parse(r.stdout).forceColor).toBe('true');
  });

  describe('the compile cache', () => {
    const script = `require(${JSON.stringify(setup)}); const m = require('node:module'); process.stdout.write(JSON.stringify({ has: typeof m.getCompileCacheDir === 'function', dir: m.getCompileCacheDir?.() ? require('node:path').dirname(m.getCompileCacheDir()) : null }));`;
    // (Node keeps each Node version's cache in a folder of its own inside the one it is given.)
    let tmp: string;
    beforeEach(async () => {
      tmp = await mkdtemp(join(tmpdir(), 'seamline-executor-tmp-'));
    });
    afterEach(() => rm(tmp, { recursive: true, force: true }));
    const cacheDir = async (env: Record<string, string>) => JSON.parse((await runNode(script, { TMPDIR: tmp, ...env })).stdout);

    it('is on where Node has one, in a folder of this user’s alone, unless NX_COMPILE_CACHE=false', async () => {
      const on = await cacheDir({});
      // Node 20 has no compile cache: nothing to turn on there, and nothing may break.
      expect(on.dir).toBe(on.has ? join(tmp, `seamline-compile-cache-${process.getuid?.()}`) : null);
      expect((await cacheDir({ NX_COMPILE_CACHE: 'false' })).dir).toBeNull();
    });

    it('is off when that folder is one others may write, and in NODE_COMPILE_CACHE when the user names one', async () => {
      const planted = join(tmp, `seamline-compile-cache-${process.getuid?.()}`);
      await mkdir(planted);
      await chmod(planted, 0o777);
      expect((await cacheDir({})).dir).toBeNull();
      const named = await cacheDir({ NODE_COMPILE_CACHE: join(tmp, 'mine') });
      expect(named.dir).toBe(named.has ? join(tmp, 'mine') : null);
    });
  });
});
