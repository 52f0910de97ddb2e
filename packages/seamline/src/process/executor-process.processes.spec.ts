import { existsSync } from 'node:fs';
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
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['NO_COLOR', 'FORCE_COLOR', 'NX_COMPILE_CACHE'].includes(k)));
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

  it('turns on the compile cache where Node has one, unless NX_COMPILE_CACHE=false', async () => {
    const script = `require(${JSON.stringify(setup)}); const m = require('node:module'); process.stdout.write(JSON.stringify({ has: typeof m.getCompileCacheDir === 'function', dir: m.getCompileCacheDir?.() ?? null }));`;
    const on = JSON.parse((await runNode(script, {})).stdout);
    const off = JSON.parse((await runNode(script, { NX_COMPILE_CACHE: 'false' })).stdout);
    // Node 20 has no compile cache: nothing to turn on there, and nothing may break.
    expect(typeof on.dir === 'string').toBe(on.has);
    expect(off.dir).toBeNull();
  });
});
