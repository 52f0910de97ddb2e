import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { captureLogger, type LoggedLines } from '../../__fixtures__/logger-lines';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import seamExecutor from './executor';

/**
 * The seam executor without Nx: real `node -e` programs as the seam's command, run in a
 * fixture workspace's seam folder; what they wrote to a file is what the command saw.
 */
// Real processes: well under a second each, but a busy 2-core CI machine is slow to start them.
jest.setTimeout(30_000);

const SEAM = 'users-auth-contract';
/** Writes, to the file named by its argument, the folder it ran in and the variables it was given. */
const WRITE_WHAT_IT_SAW =
  "require('fs').writeFileSync(process.argv[1], JSON.stringify({ cwd: process.cwd(), token: process.env.GITHUB_TOKEN ?? null, mark: process.env.SEAMLINE_SPEC_MARK ?? null }))";
const NOT_INSIDE_RUN = `${SEAM}: not inside a Seamline run, so no pins or overrides are set; run it through nx run integration:pr-fast, full or reproduce`;

describe('seam executor', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let lines: LoggedLines;

  /** The fixture's context as Nx gives it to a target of the seam project `name`. */
  const seamContext = (name = SEAM): ExecutorContext => {
    const context = executorContext(root);
    return { ...context, projectName: name, projectsConfigurations: { version: 2, projects: { [name]: { root: `seams/${name}` } } } };
  };
  const run = (command: (string | number)[], context = seamContext()) => seamExecutor({ command }, context);
  const seen = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as { cwd: string; token: string | null; mark: string | null };

  beforeEach(async () => {
    env = { ...process.env };
    delete process.env.SEAMLINE_RUN_DIR;
    delete process.env.GITHUB_TOKEN;
    root = await fixtureWorkspace();
    lines = captureLogger();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    process.env = env;
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("runs the command in the seam's folder and passes when it exits 0", async () => {
    const out = join(root, 'seen.json');
    expect(await run(['node', '-e', WRITE_WHAT_IT_SAW, out])).toEqual({ success: true });
    expect((await seen(out)).cwd).toBe(await realpath(join(root, 'seams', SEAM)));
    expect(lines.error).toEqual([]);
  });

  it('fails when the command exits with a failing code, and says the code', async () => {
    expect(await run(['node', '-e', 'process.exit(3)'])).toEqual({ success: false });
    expect(lines.error).toEqual([`${SEAM}: \`node -e process.exit(3)\` exited with code 3`]);
  });

  it('fails when the command is killed, and names the signal', async () => {
    expect(await run(['node', '-e', "process.kill(process.pid, 'SIGTERM')"])).toEqual({ success: false });
    expect(lines.error).toEqual([`${SEAM}: \`node -e process.kill(process.pid, 'SIGTERM')\` was killed by SIGTERM`]);
  });

  it('passes an argument that Nx parsed as a number to the command as its text', async () => {
    const exitWith = 'process.exit(Number(process.argv[1]))';
    expect(await run(['node', '-e', exitWith, 3])).toEqual({ success: false });
    expect(await run(['node', '-e', exitWith, 0])).toEqual({ success: true });
    expect(lines.error).toEqual([`${SEAM}: \`node -e ${exitWith} 3\` exited with code 3`]);
  });

  it("finds a program that is only in the workspace's node_modules/.bin", async () => {
    const bin = join(root, 'node_modules', '.bin');
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, 'seamline-spec-local-tool'), '#!/bin/sh\nprintf \'%s\' "$PWD" > "$1"\n');
    await chmod(join(bin, 'seamline-spec-local-tool'), 0o755);
    const out = join(root, 'local-tool.txt');
    expect(await run(['seamline-spec-local-tool', out])).toEqual({ success: true });
    expect(await realpath(await readFile(out, 'utf8'))).toBe(await realpath(join(root, 'seams', SEAM)));
  });

  it('an empty command is one line, not an unexpected error', async () => {
    expect(await run([])).toEqual({ success: false });
    expect(lines.error).toEqual([`${SEAM}: the seam target's command is empty; set it to a command and its arguments, e.g. [jest, --ci]`]);
  });

  it('says which project could not run which command when the program does not exist', async () => {
    expect(await run(['seamline-spec-no-such-program', '--flag', 'x'])).toEqual({ success: false });
    expect(lines.error).toEqual([
      `${SEAM}: could not run \`seamline-spec-no-such-program --flag x\`: seamline-spec-no-such-program was not found (not on PATH, nor in node_modules/.bin)`,
    ]);
  });

  it('warns that no pins or overrides are set outside a Seamline run, and not inside one', async () => {
    expect((await run(['node', '-e', ''])).success).toBe(true);
    expect(lines.warn).toEqual([NOT_INSIDE_RUN]);

    lines.warn = [];
    process.env.SEAMLINE_RUN_DIR = join(root, '.seamline', 'runs', 'pr-fast-1');
    expect((await run(['node', '-e', ''])).success).toBe(true);
    expect(lines.warn).toEqual([]);
  });

  it("keeps Seamline's GitHub token from the command and passes the rest of the environment", async () => {
    Object.assign(process.env, { GITHUB_TOKEN: 'ghp_seamline_spec_secret', SEAMLINE_SPEC_MARK: 'passed through' });
    const out = join(root, 'seen.json');
    expect((await run(['node', '-e', WRITE_WHAT_IT_SAW, out])).success).toBe(true);
    expect(await seen(out)).toMatchObject({ token: null, mark: 'passed through' });
  });

  it('refuses to run outside a seam project, and runs nothing', async () => {
    const out = join(root, 'seen.json');
    const noSuchProject = { ...seamContext(), projectName: 'integration' };
    const noProject = { ...seamContext(), projectName: undefined };
    expect(await run(['node', '-e', WRITE_WHAT_IT_SAW, out], noSuchProject)).toEqual({ success: false });
    expect(await run(['node', '-e', WRITE_WHAT_IT_SAW, out], noProject)).toEqual({ success: false });
    expect(lines.error).toEqual([
      'seam: run it as a target of a seam project, e.g. nx run users-auth:test',
      'seam: run it as a target of a seam project, e.g. nx run users-auth:test',
    ]);
    expect(existsSync(out)).toBe(false);
  });
});
