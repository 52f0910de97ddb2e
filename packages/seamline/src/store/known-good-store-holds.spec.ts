import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../core/hash';
import { splitLines } from '../core/known-good/chain';
import { describeRecord } from '../core/known-good/format';
import { isCheckpoint, serializeCheckpoint, serializeRecord } from '../core/known-good/record';
import { KnownGoodStore } from './known-good-store';

/** A store written by Seamline before records could name holds: a checkpoint, a full record, a manual one, another full one. */
const FIXTURE = join(__dirname, '__fixtures__', 'known-good-before-holds.jsonl');

describe('known-good records with holds', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seamline-holds-store-'));
    await mkdir(join(dir, 'integration'));
    path = join(dir, 'integration', 'known-good.jsonl');
    await copyFile(FIXTURE, path);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('an existing store still verifies, and every line serializes to its exact bytes: no record grows a holds field', async () => {
    const before = await readFile(path, 'utf8');
    const chain = await new KnownGoodStore(path).verify();
    expect(chain.ok && chain.records.length).toBe(3);
    if (!chain.ok) return;
    expect(chain.lines.map((l) => (isCheckpoint(l) ? serializeCheckpoint(l) : serializeRecord(l)))).toEqual(splitLines(before));
    expect(chain.records.every((r) => !('holds' in r))).toBe(true);
  });

  it('a record made with holds names them last, chains onto the old lines, and reads back', async () => {
    const store = new KnownGoodStore(path);
    const old = splitLines(await readFile(path, 'utf8'));
    const hold = { component: 'auth', sha: 'a3'.padEnd(40, 'a'), reason: 'culprit auth a4aaaaaa breaks users-auth', expires: '2026-12-13' };
    const tuple = { auth: hold.sha, billing: 'c3'.padEnd(40, 'c'), users: 'b3'.padEnd(40, 'b') };
    await store.append({ timestamp: '2026-11-29T12:00:00Z', tuple, manifest_sha256: sha256('m4'), suite: 'full', duration_s: 700, run: null, holds: [hold] });
    await store.append({ timestamp: '2026-11-30T12:00:00Z', tuple, manifest_sha256: sha256('m5'), suite: 'full', duration_s: 701, run: null });
    const lines = splitLines(await readFile(path, 'utf8'));
    expect(lines.slice(0, 4)).toEqual(old);
    expect(Object.keys(JSON.parse(lines[4]))).toEqual(['timestamp', 'tuple', 'manifest_sha256', 'suite', 'duration_s', 'prev', 'run', 'holds']);
    expect(JSON.parse(lines[4]).holds).toEqual([hold]);
    expect(JSON.parse(lines[4]).prev).toBe(sha256(old[3]));
    expect('holds' in JSON.parse(lines[5])).toBe(false);
    const records = await store.records();
    expect(records[3].holds).toEqual([hold]);
    expect(describeRecord(records[3], 'Latest known good')).toEqual([
      `Latest known good: 2026-11-29T12:00:00Z, manifest ${sha256('m4').slice(0, 12)}, 700s`,
      `  auth     ${hold.sha}  HELD until 2026-12-13: culprit auth a4aaaaaa breaks users-auth`,
      `  billing  ${tuple.billing}`,
      `  users    ${tuple.users}`,
    ]);
  });

  it('a store whose holds field was edited no longer verifies', async () => {
    const store = new KnownGoodStore(path);
    const hold = { component: 'auth', sha: 'a'.repeat(40), reason: 'r', expires: '2026-12-13' };
    await store.append({
      timestamp: '2026-11-29T12:00:00Z',
      tuple: { auth: hold.sha },
      manifest_sha256: sha256('m4'),
      suite: 'full',
      duration_s: 1,
      run: null,
      holds: [hold],
    });
    await store.append({
      timestamp: '2026-11-30T12:00:00Z',
      tuple: { auth: hold.sha },
      manifest_sha256: sha256('m5'),
      suite: 'full',
      duration_s: 1,
      run: null,
    });
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('"reason":"r"', '"reason":"x"'));
    const chain = await store.verify();
    expect(chain.ok).toBe(false);
    expect(!chain.ok && chain.line).toBe(6);
  });
});
