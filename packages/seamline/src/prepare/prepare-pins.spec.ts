import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prepared, PrepareRequest } from './prepare-pin';
import { defaultPrepareConcurrency, prepareConcurrency, preparePins } from './prepare-pins';

jest.setTimeout(60_000);

/**
 * Real processes: each prepare is a `node -e` script that leaves files in a shared
 * folder, so what ran beside what shows in the files, not in timings.
 */
describe('preparePins', () => {
  let root: string;
  let signals: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'seamline-prepare-pins-'));
    signals = join(root, 'signals');
    await mkdir(signals);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const pin = async (component: string, commands: string[][]): Promise<PrepareRequest> => {
    const dir = join(root, 'checkouts', component);
    await mkdir(dir, { recursive: true });
    return { component, sha: component[0].repeat(40), dir, commands };
  };
  /** Node code run in a prepare: `S(name)` is a path in the shared folder; waits are bounded (10 s) and exit 3 when they time out. */
  const script = (body: string) => [
    'node',
    '-e',
    `const fs = require('fs'), S = (n) => require('path').join(${JSON.stringify(signals)}, n);
     const until = (n, then) => { const end = Date.now() + 10000; const t = setInterval(() => {
       if (fs.existsSync(S(n))) { clearInterval(t); then(); } else if (Date.now() > end) { clearInterval(t); console.log('gave up waiting for ' + n); process.exit(3); } }, 20); };
     ${body}`,
  ];
  const statuses = () => {
    const seen: Record<string, Prepared['status']> = {};
    return { seen, onPrepared: (r: PrepareRequest, p: Prepared) => void (seen[r.component] = p.status) };
  };

  it('prepares pins side by side: each of two prepares waits for the other to start', async () => {
    const a = await pin('auth', [script(`fs.writeFileSync(S('auth'), ''); until('users', () => {});`)]);
    const b = await pin('users', [script(`fs.writeFileSync(S('users'), ''); until('auth', () => {});`)]);
    const { seen, onPrepared } = statuses();
    const started: string[] = [];
    const onStart = (pins: readonly PrepareRequest[], atOnce: number) => void started.push(`${pins.map((p) => p.component).join(',')} ${atOnce}`);
    const failure = await preparePins(root, [a, b], { concurrency: 2, toolsLog: join(root, 'tools.log'), onPrepared, onStart });
    expect(failure).toBeUndefined();
    expect(seen).toEqual({ auth: 'prepared', users: 'prepared' });
    expect(started).toEqual(['auth,users 2']);

    // Prepared pins are reused, not run again, and nothing starts.
    const again = statuses();
    expect(await preparePins(root, [a, b], { concurrency: 2, toolsLog: join(root, 'tools.log'), onPrepared: again.onPrepared, onStart })).toBeUndefined();
    expect(again.seen).toEqual({ auth: 'reused', users: 'reused' });
    expect(started).toHaveLength(1);
  });

  it('a prepare that failed beside another is tried again alone, and counts only if it fails there too', async () => {
    // schema fails while users is running (users ends only once schema has seen it); alone, after users, it passes.
    // billing always fails. Signals, not timers: the same on a loaded machine.
    const users = await pin('users', [
      script(`fs.writeFileSync(S('users-running'), ''); until('schema-failed', () => fs.writeFileSync(S('users-done'), ''));`),
    ]);
    const schema = await pin('schema', [
      script(
        `if (fs.existsSync(S('users-done'))) process.exit(0); until('users-running', () => { fs.writeFileSync(S('schema-failed'), ''); console.log('users is running'); process.exit(4); });`,
      ),
    ]);
    const billing = await pin('billing', [['node', '-e', 'process.exit(5)']]);
    const { seen, onPrepared } = statuses();
    const failure = await preparePins(root, [users, schema, billing], { concurrency: 2, toolsLog: join(root, 'tools.log'), onPrepared });
    expect(seen).toEqual({ users: 'prepared', schema: 'prepared' });
    expect(failure?.component).toBe('billing');
    expect(failure?.what).toBe("`node -e 'process.exit(5)'` exited with 5");
    const logs = await Promise.all(['schema', 'billing'].map(async (c) => readFile(logOf(root, c), 'utf8')));
    expect(logs[0]).toContain('# tried again alone: it failed while another pin was being prepared');
    expect(logs[1]).toContain('# tried again alone');
    expect(logs[1]).toContain('exited with 5');
  });

  it('never runs two yarn 1 prepares at once, and installs the npx package first', async () => {
    // Each records when it ran; npx runs yarn 1 from the npm registry, as auto's prepare does.
    const record = (name: string) => [
      'npx',
      '-y',
      '-p',
      'yarn@1.22.22',
      'node',
      '-e',
      `const fs = require('fs'); const f = require('path').join(${JSON.stringify(signals)}, '${name}');
       fs.writeFileSync(f, Date.now() + ' '); setTimeout(() => fs.appendFileSync(f, String(Date.now())), 400);`,
    ];
    const pins = [await pin('auth', [record('auth')]), await pin('users', [record('users')]), await pin('billing', [['node', '-e', '0']])];
    // No onPrepared: the prepares run all the same.
    expect(await preparePins(root, pins, { concurrency: 3, toolsLog: join(root, 'tools.log') })).toBeUndefined();
    const [auth, users] = await Promise.all(['auth', 'users'].map(async (n) => (await readFile(join(signals, n), 'utf8')).split(' ').map(Number)));
    expect(auth[1] <= users[0] || users[1] <= auth[0]).toBe(true);
    expect(await readFile(join(root, 'tools.log'), 'utf8')).toContain('$ npx -y -p yarn@1.22.22 node --version');
    expect(existsSync(join(signals, 'billing'))).toBe(false);

    // One at a time (SEAMLINE_PREPARE_CONCURRENCY=1) has no race to avoid: nothing is installed first.
    const alone = [await pin('web', [record('web')]), await pin('docs', [record('docs')])];
    expect(await preparePins(root, alone, { concurrency: 1, toolsLog: join(root, 'alone.log') })).toBeUndefined();
    expect(existsSync(join(signals, 'web')) && existsSync(join(signals, 'docs'))).toBe(true);
    expect(existsSync(join(root, 'alone.log'))).toBe(false);
  });
});

describe('prepareConcurrency', () => {
  it('takes SEAMLINE_PREPARE_CONCURRENCY, else the cores from 2 to 4, and refuses anything but a whole number in one line', () => {
    expect(prepareConcurrency({})).toBe(defaultPrepareConcurrency());
    expect([2, 3, 4]).toContain(defaultPrepareConcurrency());
    expect(prepareConcurrency({ SEAMLINE_PREPARE_CONCURRENCY: ' 1 ' })).toBe(1);
    expect(prepareConcurrency({ SEAMLINE_PREPARE_CONCURRENCY: '8' })).toBe(8);
    for (const bad of ['0', '2.5', 'many', '65'])
      expect(() => prepareConcurrency({ SEAMLINE_PREPARE_CONCURRENCY: bad })).toThrow(
        `SEAMLINE_PREPARE_CONCURRENCY: expected a whole number of prepares at once, 1 to 64, got "${bad}"`,
      );
  });
});

/** The prepare log of a component's pin (one per pin and commands under .seamline/prepared). */
function logOf(root: string, component: string): string {
  const dir = join(root, '.seamline/prepared');
  const name = readdirSync(dir).find((f) => f.startsWith(`${component}@`) && f.endsWith('.log'));
  return join(dir, name!);
}
