import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepo, type TestRepo } from '../../__fixtures__/git-repos';
import { captureLogger, type LoggedLines } from '../../__fixtures__/logger-lines';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import { checkoutDir, shownPath } from '../../workspace/layout';
import verify from './executor';

/**
 * verify without Nx: a component's own prepare and test commands, run in a real
 * checkout of a real git repository at the SHA asked for (else its branch head),
 * and what a user reads of it.
 */
// Real git, real node and npm processes: seconds on a busy 2-core CI machine.
jest.setTimeout(60_000);

describe('verify executor', () => {
  let repos: string;
  let auth: TestRepo;
  let root: string;
  let lines: LoggedLines;

  /** Exits with the number in `status` (0 when absent), after writing where it ran to `tested`. */
  const CHECK = `const fs = require('fs');
fs.writeFileSync('tested', process.cwd());
process.exit(Number(fs.existsSync('status') ? fs.readFileSync('status', 'utf8') : 0));
`;
  const PREPARE = `require('fs').writeFileSync('prepared', 'yes');\n`;

  const workspace = (component: string) =>
    fixtureWorkspace({
      'integration/seamline.yaml': 'subsets:\n  full:\n    seams: all\n    budget: 1h\n',
      'components/auth/component.yaml': `repo: ${auth.url}\n${component}`,
    });
  const run = (options: Parameters<typeof verify>[0]) => verify(options, executorContext(root));
  const checkout = (sha: string) => checkoutDir(root, 'auth', sha);

  beforeAll(async () => {
    repos = await mkdtemp(join(tmpdir(), 'seamline-verify-repos-'));
    auth = await createRepo(repos, 'auth', [{ 'check.js': CHECK, 'prepare.js': PREPARE }, { status: '1' }, { status: '0' }]);
  });
  afterAll(() => rm(repos, { recursive: true, force: true }));
  beforeEach(() => {
    lines = captureLogger();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('prepares and tests the head of the branch in its checkout when no SHA is given, and says so', async () => {
    root = await workspace('prepare:\n  - [node, prepare.js]\ntest: [node, check.js]\n');
    const head = auth.shas[2]!;
    expect(await run({ component: 'auth' })).toEqual({ success: true });
    expect(await readFile(join(checkout(head), 'prepared'), 'utf8')).toBe('yes');
    // The command runs in the checkout's real folder, outside the workspace.
    expect(await readFile(join(checkout(head), 'tested'), 'utf8')).toBe(realpathSync(checkout(head)));
    expect(lines.info).toEqual([
      `Verifying auth@${head.slice(0, 12)} in ${shownPath(root, checkout(head))}`,
      '# prepare: the commands of component.yaml',
      '$ node prepare.js',
      '$ node check.js',
      `auth@${head.slice(0, 12)} passes its own verification.`,
    ]);
    expect(lines.error).toEqual([]);
  });

  it('--sha verifies that commit; a failing test is one line naming the commit and the command', async () => {
    root = await workspace('test: [node, check.js]\n');
    const failing = auth.shas[1]!;
    expect(await run({ component: 'auth', sha: failing })).toEqual({ success: false });
    expect(existsSync(join(checkout(failing), 'tested'))).toBe(true);
    expect(lines.error).toEqual([`auth@${failing.slice(0, 12)}: \`node check.js\` exited with 1; the component fails its own verification at this SHA`]);
    expect(lines.info).not.toContainEqual(expect.stringContaining('passes its own verification'));
  });

  it('a test command that cannot be started is one line, with the reason', async () => {
    root = await workspace('test: [no-such-test-runner-xyz, --ci]\n');
    expect(await run({ component: 'auth' })).toEqual({ success: false });
    expect(lines.error).toEqual([
      `auth@${auth.shas[2]!.slice(0, 12)}: \`no-such-test-runner-xyz --ci\` could not run (spawn no-such-test-runner-xyz ENOENT); the component fails its own verification at this SHA`,
    ]);
  });

  it('a component without a test command, or an unknown one, is refused before anything is fetched', async () => {
    root = await workspace('prepare:\n  - [node, prepare.js]\n');
    expect(await run({ component: 'auth' })).toEqual({ success: false });
    expect(await run({ component: 'uath' })).toEqual({ success: false });
    expect(lines.error).toEqual([
      'components/auth/component.yaml: field "test": is not set; add the component\'s own test command, e.g. test: [npm, test]',
      expect.stringMatching(/^--component: .*"uath".*auth/),
    ]);
    expect(existsSync(checkoutDir(root, 'auth', auth.shas[2]!))).toBe(false);
  });

  it('says once why npm runs with --force, though every command of the checkout gets it', async () => {
    const older = `^${Number(process.versions.node.split('.')[0]) - 2}.0.0`;
    const era = await createRepo(repos, 'era', [
      {
        'package.json': JSON.stringify({
          name: 'era',
          version: '1.0.0',
          scripts: { build: "node -e \"require('fs').writeFileSync('built', 'yes')\"", test: 'node check.js' },
          devEngines: { runtime: { name: 'node', version: older } },
        }),
        'check.js': CHECK,
      },
    ]);
    root = await fixtureWorkspace({
      'integration/seamline.yaml': 'subsets:\n  full:\n    seams: all\n    budget: 1h\n',
      'components/era/component.yaml': `repo: ${era.url}\nprepare:\n  - [npm, run, build]\ntest: [npm, test]\n`,
    });
    expect(await run({ component: 'era' })).toEqual({ success: true });
    const dir = checkoutDir(root, 'era', era.shas[0]!);
    expect(await readFile(join(dir, 'built'), 'utf8')).toBe('yes');
    expect(await readFile(join(dir, 'tested'), 'utf8')).toBe(realpathSync(dir));
    const forced = lines.info.filter((line) => line.startsWith('# npm runs with --force'));
    expect(forced).toEqual([expect.stringContaining(`devEngines.runtime in package.json asks for node ${older}`)]);
    expect(lines.info.indexOf(forced[0]!)).toBe(lines.info.indexOf('$ npm run build') + 1);
    expect(lines.info).toContain('$ npm test');
  });
});
