import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
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
});

async function startWriter(path: string, tag: string) {
  const { execa } = await import('execa');
  const child = execa('node', [writer, path, tag, '100000'], { env: { SEAMLINE_DIST: dist }, reject: false });
  let out = '';
  let markAppending: () => void;
  const appending = new Promise<void>((r) => (markAppending = r));
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('ok ')) markAppending();
  });
  return {
    process: child,
    appending,
    exited: child.then(() => undefined),
    acked: () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('ok '))
        .map((l) => l.slice(3)),
  };
}
