import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KnownGoodStore } from './known-good-store';

/**
 * Reliability of the store against real processes: many writers at once, and
 * writers killed with SIGKILL at random instants, over and over.
 * The writers run the built plugin (the test target depends on `build`).
 */
const dist = resolve(__dirname, '../../../../dist/packages/seamline');
const writer = join(__dirname, '__fixtures__', 'append-writer.cjs');
jest.setTimeout(180_000);

beforeAll(() => {
  if (!existsSync(join(dist, 'src/store/known-good-store.js'))) throw new Error(`${dist} is missing: run \`npx nx build seamline\` first`);
});

async function spawnWriter(store: string, tag: string, count: number) {
  const { execa } = await import('execa');
  return execa('node', [writer, store, tag, String(count)], { env: { SEAMLINE_DIST: dist }, reject: false, buffer: { stdout: true } });
}

describe('known-good store under real processes', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seamline-procs-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('20 processes appending at once: 20 records, chain valid', async () => {
    const path = join(dir, 'known-good.jsonl');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => spawnWriter(path, `w${i}`, 1)));
    for (const r of results) expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 0, stderr: '' });
    const verified = await new KnownGoodStore(path).verify();
    expect(verified.ok).toBe(true);
    const records = verified.ok ? verified.records : [];
    expect(records).toHaveLength(20);
    const acked = results.map((r) =>
      String(r.stdout)
        .split('\n')
        .find((l) => l.startsWith('ok '))!
        .slice(3),
    );
    expect(new Set(records.map((r) => r.manifest_sha256))).toEqual(new Set(acked));
  });

  it('SIGKILL mid-append, many times: the store always verifies and keeps every acknowledged record', async () => {
    const path = join(dir, 'known-good.jsonl');
    const acked = new Set<string>();
    let killedHoldingLock = 0;
    const rounds = 10;
    for (let round = 0; round < rounds; round++) {
      const child = await startWriter(path, `kill${round}`);
      // Kill an active appender: after its first acknowledged append, at a random instant.
      await child.appending;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 40)));
      child.process.kill('SIGKILL');
      await child.exited;
      if (existsSync(`${path}.lock`)) killedHoldingLock++;
      for (const hash of child.acked()) acked.add(hash);

      const verified = await new KnownGoodStore(path).verify();
      if (!verified.ok) throw new Error(`round ${round}: ${verified.problem}`);
      const stored = new Set(verified.records.map((r) => r.manifest_sha256));
      for (const hash of acked) expect(stored.has(hash)).toBe(true);
    }
    // The kills did land inside the critical section, not only between appends.
    expect(killedHoldingLock).toBeGreaterThan(0);
    expect(acked.size).toBeGreaterThanOrEqual(rounds);
    // And the next writer recovers: the stale lock is taken over, temp files are cleaned.
    const after = await spawnWriter(path, 'after', 2);
    expect(after.exitCode).toBe(0);
    const final = await new KnownGoodStore(path).verify();
    expect(final.ok && final.records.length).toBeGreaterThanOrEqual(acked.size + 2);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('SIGSTOP past the stale time inside the critical section, 30 times: the writer that took over loses nothing', async () => {
    const STALE_MS = 2000; // the writers' staleMs (proper-lockfile's minimum)
    const trials = 30;
    const parallel = 5; // independent stores, to keep the run short
    // A stops itself (SIGSTOP) at a random instant between its read and its check, so the pause
    // lands there however late this process is; a pause in the microseconds between the
    // synchronous check and the write is a lease lock's limit (docs/formats.md).
    const outcomes: { trial: number; lost: string[]; pausedAcked: boolean; pausedPastStale: boolean; problem?: string; stderr: string }[] = [];
    const trial = async (n: number) => {
      const path = join(dir, `trial-${n}.jsonl`);
      const seed = await spawnWriter(path, `seed${n}`, 2);
      if (seed.exitCode !== 0) throw new Error(`trial ${n}: seed writer failed: ${seed.stderr}`);
      // A reads the store under the lock, then stops itself at a random instant before its check.
      const a = await startWriter(path, `a${n}`, 1, { SEAMLINE_TEST_STOP_AFTER_MS: String(Math.floor(Math.random() * 350)) });
      let b: Awaited<ReturnType<typeof spawnWriter>>;
      try {
        await a.stopped;
        // Past the stale time, B takes the lock over and appends three acknowledged records.
        await new Promise((r) => setTimeout(r, STALE_MS + 200));
        b = await spawnWriter(path, `b${n}`, 3);
      } finally {
        a.process.kill('SIGCONT');
      }
      await a.exited;
      const acked = [...ackedOf(String(b.stdout)), ...a.acked()];
      const verified = await new KnownGoodStore(path).verify();
      const stored = new Set(verified.ok ? verified.records.map((r) => r.manifest_sha256) : []);
      outcomes.push({
        trial: n,
        lost: acked.filter((h) => !stored.has(h)),
        pausedAcked: a.acked().length === 1,
        pausedPastStale: a.held() >= STALE_MS,
        problem: verified.ok ? undefined : verified.problem,
        stderr: String(b.stderr) + (await a.stderr()),
      });
    };
    for (let batch = 0; batch < trials; batch += parallel) {
      const settled = await Promise.allSettled(Array.from({ length: parallel }, (_, i) => trial(batch + i)));
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
    expect(outcomes.filter((o) => !o.pausedPastStale).map((o) => o.trial)).toEqual([]);
    const bad = outcomes.filter((o) => o.lost.length || o.problem || o.stderr);
    const lost = bad.reduce((n, o) => n + o.lost.length, 0);
    expect({ trials: outcomes.length, trialsWithLoss: bad.length, lostAcknowledged: lost, bad }).toEqual({
      trials,
      trialsWithLoss: 0,
      lostAcknowledged: 0,
      bad: [],
    });
    // The paused writer noticed, started over and got its record in too.
    expect(outcomes.filter((o) => o.pausedAcked)).toHaveLength(trials);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 600_000);
});

const ackedOf = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('ok '))
    .map((l) => l.slice(3));

async function startWriter(path: string, tag: string, count = 100000, env: Record<string, string> = {}) {
  const { execa } = await import('execa');
  const child = execa('node', [writer, path, tag, String(count)], { env: { SEAMLINE_DIST: dist, ...env }, reject: false });
  let out = '';
  let markAppending: () => void;
  let markStopping: () => void;
  const appending = new Promise<void>((r) => (markAppending = r));
  const stopping = new Promise<void>((r) => (markStopping = r));
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('ok ')) markAppending();
    if (out.includes('stopping\n')) markStopping();
  });
  return {
    process: child,
    appending,
    /** With SEAMLINE_TEST_STOP_AFTER_MS: the writer has read the store under the lock and the kernel shows it stopped. */
    stopped: stopping.then(() => untilStopped(child.pid!)),
    stderr: () => child.then((r) => String(r.stderr)),
    exited: child.then(() => undefined),
    acked: () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('ok '))
        .map((l) => l.slice(3)),
    /** With SEAMLINE_TEST_STOP_AFTER_MS: how long it stayed between its read and its check (ms), or -1 before. */
    held: () => Number(/^held (\d+)$/m.exec(out)?.[1] ?? -1),
  };
}

/** Waits (at most 10 s) until Linux reports the process stopped: state T in /proc/<pid>/stat. */
async function untilStopped(pid: number) {
  for (let i = 0; i < 1000; i++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`writer ${pid} printed \`stopping\` but did not stop within 10 s`);
}
