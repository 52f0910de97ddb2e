import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../core/hash';
import { withFileLock } from '../fs/file-lock';
import { latest } from '../core/known-good/queries';
import { serializeRecord } from '../core/known-good/record';
import { KnownGoodStore, type NewRecord } from './known-good-store';

const sha = (c: string) => c.repeat(40);
const entry = (n: number, suite = 'full'): NewRecord => ({
  timestamp: `2026-11-21T12:00:${String(n).padStart(2, '0')}Z`,
  tuple: { users: sha('b'), auth: sha(String(n % 10)) },
  manifest_sha256: sha256(`manifest ${n}`),
  suite,
  duration_s: 42,
  run: n % 2 ? `https://ci.example/runs/${n}` : null,
});

describe('KnownGoodStore', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seamline-store-'));
    path = join(dir, 'integration', 'known-good.jsonl');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts empty, appends chained lines in the documented record format, and reads them back', async () => {
    const store = new KnownGoodStore(path, 'integration/known-good.jsonl');
    expect(await store.records()).toEqual([]);
    const first = await store.append(entry(1));
    const second = await store.append(entry(2));
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(Object.keys(JSON.parse(lines[0]))).toEqual(['timestamp', 'tuple', 'manifest_sha256', 'suite', 'duration_s', 'prev', 'run']);
    expect(JSON.parse(lines[0]).tuple).toEqual({ auth: sha('1'), users: sha('b') }); // sorted
    expect(JSON.parse(lines[0]).prev).toBeNull();
    expect(JSON.parse(lines[1]).prev).toBe(sha256(lines[0]));
    expect([first.line, second.line]).toEqual([1, 2]);
    expect(second.hash).toBe(sha256(lines[1]));
    expect((await store.records()).map((r) => r.run)).toEqual(['https://ci.example/runs/1', null]);
  });

  it('refuses to append onto a tampered end of the store, and writes nothing', async () => {
    const store = new KnownGoodStore(path, 'integration/known-good.jsonl');
    for (let i = 1; i <= 3; i++) await store.append(entry(i));
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines[1] = lines[1].replace('"duration_s":42', '"duration_s":7');
    const tampered = lines.join('\n');
    await writeFile(path, tampered);
    await expect(store.append(entry(4))).rejects.toThrow(
      'integration/known-good.jsonl:3: chain broken at line 3: its prev is not the hash of line 2, so line 2 was edited or records between them were deleted; restore the store from git (git checkout -- integration/known-good.jsonl) before using it',
    );
    await writeFile(path, `${lines.slice(0, 2).join('\n')}\n{"timestamp":"2026"}\n`);
    await expect(store.append(entry(4))).rejects.toThrow(/^integration\/known-good.jsonl:3: line 3: /);
    expect(await readFile(path, 'utf8')).toBe(`${lines.slice(0, 2).join('\n')}\n{"timestamp":"2026"}\n`);
  });

  it('an edit deeper in the history is not looked for by an append, but every read of the records refuses it', async () => {
    const store = new KnownGoodStore(path, 'integration/known-good.jsonl');
    for (let i = 1; i <= 4; i++) await store.append(entry(i));
    await writeFile(path, (await readFile(path, 'utf8')).replace('"duration_s":42', '"duration_s":7'));
    await store.append(entry(5));
    const verified = await store.verify();
    expect(verified.ok ? 'ok' : verified.problem).toBe(
      'chain broken at line 2: its prev is not the hash of line 1, so line 1 was edited or records between them were deleted',
    );
    await expect(store.records()).rejects.toThrow(/^integration\/known-good.jsonl:2: chain broken at line 2/);
  });

  it('cuts off an incomplete last line a killed writer left, under the lock, and keeps every complete record', async () => {
    const store = new KnownGoodStore(path);
    for (let i = 1; i <= 3; i++) await store.append(entry(i));
    const complete = await readFile(path, 'utf8');
    const torn = serializeRecord({ ...entry(4), prev: sha256(complete.split('\n')[2]) }).slice(0, 57);
    await writeFile(path, complete + torn);
    const readers = await store.verify();
    expect(readers.ok ? 'ok' : readers.problem).toBe('line 4 is incomplete (no final newline): the store was truncated mid-record');
    const appended = await store.append(entry(5));
    expect(appended).toMatchObject({ line: 4, repaired: 57 });
    const after = await readFile(path, 'utf8');
    expect(after.startsWith(complete)).toBe(true);
    const result = await store.verify();
    expect(result.ok && result.records.map((r) => r.timestamp.slice(-3, -1))).toEqual(['01', '02', '03', '05']);
    // A torn first line too: the store starts afresh.
    await writeFile(path, torn);
    expect(await store.append(entry(6))).toMatchObject({ line: 1, repaired: 57 });
    expect((await store.records()).map((r) => r.prev)).toEqual([null]);
  });

  it('prunes a store whose last line was left incomplete, without that line', async () => {
    const store = new KnownGoodStore(path);
    for (let i = 1; i <= 4; i++) await store.append(entry(i));
    await writeFile(path, `${await readFile(path, 'utf8')}{"timestamp":"20`);
    expect(await store.prune(2, '2026-12-01T00:00:00Z')).toBe(2);
    const result = await store.verify();
    expect(result.ok && result.records.map((r) => r.timestamp.slice(-3, -1))).toEqual(['03', '04']);
  });

  it("verifyEnd gives verify's verdict and head, checking again only what changed since its memo", async () => {
    const store = new KnownGoodStore(path, 'integration/known-good.jsonl');
    const memo = join(dir, '.seamline', 'known-good-verified.json');
    const head = async () => {
      const verified = await store.verify();
      return verified.ok ? { ok: true, head: verified.head } : { ok: false, line: verified.line, problem: verified.problem };
    };
    expect(await store.verifyEnd(memo)).toEqual({ ok: true, head: null });
    for (let i = 1; i <= 5; i++) {
      await store.append(entry(i));
      expect(await store.verifyEnd(memo)).toEqual(await head());
    }
    expect(JSON.parse(await readFile(memo, 'utf8'))).toMatchObject({ size: (await readFile(path)).length, end: { lines: 5 } });
    // The memo is used: a memo that lies about where the chain ended is believed for the lines after it...
    const good = await readFile(memo, 'utf8');
    await writeFile(memo, good.replace(/"next":"[0-9a-f]+"/, `"next":"${'0'.repeat(64)}"`));
    await store.append(entry(6));
    expect(await store.verifyEnd(memo)).toMatchObject({ ok: false, line: 6 });
    // ...but never for bytes that changed: an edit before the memo's end is found.
    await writeFile(memo, good);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('"duration_s":42', '"duration_s":7'));
    expect(await store.verifyEnd(memo)).toEqual(await head());
    expect(await store.verifyEnd(memo)).toMatchObject({ ok: false, line: 2 });
    // A pruned store (shorter, different bytes) is checked whole, and a torn last line is refused as verify does.
    await writeFile(path, text);
    await store.prune(2, '2026-12-01T00:00:00Z');
    expect(await store.verifyEnd(memo)).toEqual(await head());
    await writeFile(path, `${await readFile(path, 'utf8')}{"time`);
    expect(await store.verifyEnd(memo)).toEqual({ ok: false, line: 4, problem: 'line 4 is incomplete (no final newline): the store was truncated mid-record' });
  });

  it('numbers appended lines right with a line-count note, whoever else appended, pruned or tore a line since', async () => {
    const note = join(dir, '.seamline', 'known-good-lines.json');
    const store = new KnownGoodStore(path, 'kg', {}, { lineCount: note });
    const other = new KnownGoodStore(path, 'kg'); // another workspace's writer: no note
    const lines = async () => (await readFile(path, 'utf8')).split('\n').length - 1;
    const appendWith = async (s: KnownGoodStore, n: number) => {
      const { line } = await s.append(entry(n));
      expect(line).toBe(await lines());
    };
    for (let i = 1; i <= 3; i++) await appendWith(store, i);
    expect(JSON.parse(await readFile(note, 'utf8'))).toMatchObject({ lines: 3, size: (await readFile(path)).length });
    await appendWith(other, 4);
    await appendWith(store, 5);
    await store.prune(2, '2026-12-01T00:00:00Z');
    await appendWith(store, 6);
    await writeFile(path, `${await readFile(path, 'utf8')}{"torn`);
    await appendWith(store, 7);
    await writeFile(note, JSON.stringify({ store: path, size: 10, lines: 99, last: sha256('nothing') }));
    await appendWith(store, 8);
    await writeFile(note, '{"store":');
    await appendWith(store, 9);
    expect((await store.verify()).ok).toBe(true);
  });

  it('latest finds what latest(records()) finds, reading from the end, and refuses a broken chain whatever its note says', async () => {
    const verified = join(dir, '.seamline', 'known-good-verified.json');
    for (const notes of [{}, { verified }]) {
      await rm(path, { force: true });
      const store = new KnownGoodStore(path, 'integration/known-good.jsonl', {}, notes);
      expect(await store.latest()).toBeUndefined();
      for (let i = 1; i <= 9; i++) {
        await store.append(entry(i, i % 3 ? 'full' : 'pr_fast'));
        for (const suite of [undefined, 'full', 'pr_fast', 'none']) expect(await store.latest(suite)).toEqual(latest(await store.records(), suite));
      }
      await store.prune(2, '2026-12-01T00:00:00Z');
      for (const suite of [undefined, 'full', 'pr_fast']) expect(await store.latest(suite)).toEqual(latest(await store.records(), suite));
      await store.append(entry(10));
      const text = await readFile(path, 'utf8');
      await writeFile(path, text.replace('"duration_s":42', '"duration_s":7'));
      await expect(store.latest()).rejects.toThrow(/^integration\/known-good.jsonl:3: chain broken at line 3/);
    }
  });

  it('prunes behind a checkpoint; later appends chain onto the kept records', async () => {
    const store = new KnownGoodStore(path);
    for (let i = 1; i <= 8; i++) await store.append(entry(i));
    expect(await store.prune(3, '2026-12-01T00:00:00Z')).toBe(5);
    await store.append(entry(9));
    const result = await store.verify();
    expect(result.ok && result.records.map((r) => r.timestamp.slice(-3, -1))).toEqual(['06', '07', '08', '09']);
    expect(await store.prune(10, '2026-12-01T00:00:00Z')).toBe(0);
  });

  it('cleans up temp files a killed writer left behind, under the lock', async () => {
    const store = new KnownGoodStore(path);
    await store.append(entry(1));
    const leftover = join(dir, 'integration', '.known-good.jsonl.999.abcd.tmp');
    await writeFile(leftover, 'partial');
    await store.append(entry(2));
    await expect(readFile(leftover)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('waits for a lock held by another writer, then says how to recover', async () => {
    const holder = new KnownGoodStore(path, 'kg.jsonl');
    const waiter = new KnownGoodStore(path, 'kg.jsonl', { waitMs: 300 });
    await holder.append(entry(1));
    await withFileLock(path, async () => {
      await expect(waiter.append(entry(2))).rejects.toThrow(
        'kg.jsonl: still locked by another writer after 0s; if no other run is active, remove kg.jsonl.lock and retry',
      );
    });
    expect((await waiter.records()).length).toBe(1);
  });
});
