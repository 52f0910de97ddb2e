import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `seamline-seam`, the command every inferred seam target runs, as a real process (the built
 * plugin: the test target depends on `build`), with real children and real signals.
 */
const bin = join(resolve(__dirname, '../../../../dist/packages/seamline'), 'src/bin/seamline-seam.js');
jest.setTimeout(60_000);

let dir: string;
beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npx nx build seamline\` first`);
  dir = await mkdtemp(join(tmpdir(), 'seamline-seam-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SEAMLINE_') && !['NO_COLOR', 'FORCE_COLOR'].includes(k)));

async function seam(command: string[] | string | undefined, env: Record<string, string> = {}) {
  const { execa } = await import('execa');
  const commandEnv = command === undefined ? {} : { SEAMLINE_SEAM_COMMAND: typeof command === 'string' ? command : JSON.stringify(command) };
  return execa(process.execPath, [bin], {
    cwd: dir,
    env: { ...base, NX_TASK_TARGET_PROJECT: 'users-auth', SEAMLINE_RUN_DIR: dir, ...commandEnv, ...env },
    extendEnv: false,
    reject: false,
  });
}

// A child that prints what it was given.
const report = `process.stdout.write(JSON.stringify({ argv: process.argv.slice(1), cwd: process.cwd(), env: process.env })); process.exit(Number(process.argv[1]))`;

describe('seamline-seam', () => {
  it("runs the seam's argument list as given, no shell, in its folder, and exits with its code", async () => {
    const r = await seam([process.execPath, '-e', report, '3', '$HOME', '`id`;echo no', 'it\'s "quoted"']);
    expect(r.exitCode).toBe(3);
    const child = JSON.parse(r.stdout);
    expect(child.argv).toEqual(['3', '$HOME', '`id`;echo no', 'it\'s "quoted"']);
    expect(child.cwd).toBe(dir);
    // The real command and its code: Nx's line after it names only seamline-seam.
    expect(r.stderr).toBe(`users-auth: \`${process.execPath} -e ${report} 3 $HOME \`id\`;echo no it's "quoted"\` exited with code 3`);
    const passing = await seam([process.execPath, '-e', report, '0']);
    expect([passing.exitCode, passing.stderr]).toEqual([0, '']);
  });

  it("keeps Seamline's tokens and its own variable from the seam, and makes NO_COLOR mean FORCE_COLOR=0", async () => {
    const r = await seam([process.execPath, '-e', report, '0'], {
      GITHUB_TOKEN: 'ghp_secret',
      SEAMLINE_GIT_TOKEN: 'secret',
      SEAMLINE_DIR_AUTH: '/pins/auth',
      NO_COLOR: '1',
      FORCE_COLOR: 'true',
    });
    expect(r.exitCode).toBe(0);
    const { env } = JSON.parse(r.stdout);
    expect(env).not.toHaveProperty('GITHUB_TOKEN');
    expect(env).not.toHaveProperty('SEAMLINE_GIT_TOKEN');
    expect(env).not.toHaveProperty('SEAMLINE_SEAM_COMMAND');
    expect(env).toMatchObject({ SEAMLINE_DIR_AUTH: '/pins/auth', SEAMLINE_RUN_DIR: dir, NO_COLOR: '1', FORCE_COLOR: '0' });
  });

  it('warns, and still runs, outside a Seamline run', async () => {
    const r = await seam([process.execPath, '-e', 'console.log("ran")'], { SEAMLINE_RUN_DIR: '' });
    expect([r.exitCode, r.stdout]).toEqual([0, 'ran']);
    expect(r.stderr).toBe(
      'users-auth: not inside a Seamline run, so no pins or overrides are set; run it through nx run integration:pr-fast, full or reproduce',
    );
  });

  it('says in one line when the command cannot start (127), or when its variable is wrong (1)', async () => {
    const missing = await seam(['jestt-not-installed', '--ci']);
    expect([missing.exitCode, missing.stderr]).toEqual([
      127,
      'users-auth: could not run `jestt-not-installed --ci`: jestt-not-installed was not found (not on PATH, nor in node_modules/.bin)',
    ]);
    const bad = await seam('node check.js');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/^users-auth: SEAMLINE_SEAM_COMMAND: expected a JSON list of arguments such as \["jest","--ci"\], got "node check.js"; /);
  });

  it('ends by the signal that ended the seam, and says so', async () => {
    const r = await seam([process.execPath, '-e', 'process.kill(process.pid, "SIGKILL")']);
    expect(r.signal).toBe('SIGKILL');
    expect(r.stderr).toBe(`users-auth: \`${process.execPath} -e process.kill(process.pid, "SIGKILL")\` was killed by SIGKILL`);
  });

  it('passes SIGTERM on to the seam, which may clean up and decide its exit', async () => {
    const marker = join(dir, 'cleaned-up');
    const script = `process.on('SIGTERM', () => { require('fs').writeFileSync(${JSON.stringify(marker)}, 'yes'); process.exit(0); }); console.log('ready'); setInterval(() => {}, 1000);`;
    const { execa } = await import('execa');
    const child = execa(process.execPath, [bin], {
      cwd: dir,
      env: { ...base, SEAMLINE_RUN_DIR: dir, SEAMLINE_SEAM_COMMAND: JSON.stringify([process.execPath, '-e', script]) },
      extendEnv: false,
      reject: false,
    });
    await new Promise<void>((ready) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && ready()));
    child.kill('SIGTERM');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(await readFile(marker, 'utf8')).toBe('yes');
  });
});
