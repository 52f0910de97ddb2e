import { sha256 } from '../hash';
import { splitLines, verifyChain } from './chain';
import { pruneLines } from './prune';
import { type KnownGoodRecord, serializeRecord } from './record';

const sha = (n: number) => n.toString(16).padStart(40, '0');

/** A valid store of `n` records, as its lines. */
function store(n: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const record: KnownGoodRecord = {
      timestamp: `2026-11-${String(i + 1).padStart(2, '0')}T12:00:00Z`,
      tuple: { auth: sha(i), users: sha(100 + i) },
      manifest_sha256: sha256(`m${i}`),
      suite: i % 2 ? 'pr_fast' : 'full',
      duration_s: 10 + i,
      prev: i === 0 ? null : sha256(lines[i - 1]),
      run: null,
    };
    lines.push(serializeRecord(record));
  }
  return lines;
}

const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
const problem = (lines: string[] | string) => {
  const result = verifyChain(typeof lines === 'string' ? lines : text(lines));
  if (result.ok) throw new Error('expected the chain to be refused');
  return [result.line, result.problem] as const;
};

describe('verifyChain', () => {
  it('accepts an empty store and a valid chain, and reports the head hash', () => {
    expect(verifyChain('')).toEqual({ ok: true, lines: [], records: [], head: null, hashes: [] });
    const lines = store(6);
    const result = verifyChain(text(lines));
    expect(result.ok && result.records.length).toBe(6);
    expect(result.ok && result.head).toBe(sha256(lines[5]));
  });

  it('names the line after an edited record', () => {
    const lines = store(6);
    lines[2] = lines[2].replace('"duration_s":12', '"duration_s":1');
    expect(problem(lines)).toEqual([
      4,
      'chain broken at line 4: its prev is not the hash of line 3, so line 3 was edited or records between them were deleted',
    ]);
  });

  it('names an edited tuple even when the JSON stays valid and canonical', () => {
    const lines = store(4);
    lines[0] = lines[0].replace(sha(0), sha(999));
    expect(problem(lines)[0]).toBe(2);
  });

  it('names a deleted record in the middle', () => {
    const lines = store(6);
    lines.splice(3, 1);
    expect(problem(lines)).toEqual([
      4,
      'chain broken at line 4: its prev is not the hash of line 3, so line 3 was edited or records between them were deleted',
    ]);
  });

  it('names deleted history at the start', () => {
    expect(problem(store(5).slice(2))).toEqual([
      1,
      `line 1 has prev ${sha256(store(5)[1])}, but the first record's prev is null: the records before it were deleted (use prune, which writes a checkpoint)`,
    ]);
  });

  it('names reordered records', () => {
    const lines = store(6);
    [lines[2], lines[3]] = [lines[3], lines[2]];
    expect(problem(lines)).toEqual([3, 'line 3 is out of order: its prev is the hash of line 4, not of line 2 (records were reordered)']);
  });

  it('names a store truncated mid-record', () => {
    const full = text(store(4));
    expect(problem(full.slice(0, full.length - 30))).toEqual([4, 'line 4 is incomplete (no final newline): the store was truncated mid-record']);
  });

  it('names a line that is not JSON, and a blank line', () => {
    const lines = store(3);
    expect(problem([lines[0], '{"timestamp": oops', lines[2]])).toEqual([2, 'line 2 is not valid JSON: it was edited or truncated']);
    expect(problem([lines[0], '', lines[1]])[0]).toBe(2);
  });

  it('names a record whose fields are wrong', () => {
    const lines = store(2);
    lines[1] = lines[1].replace(/"tuple":\{"auth":"[0-9a-f]+"/, '"tuple":{"auth":"abc"');
    expect(problem(lines)[1]).toMatch(/^line 2: field "tuple.auth": expected a full 40-character hex commit SHA/);
  });
});

describe('pruneLines', () => {
  it('keeps the newest records behind a checkpoint, and the chain still verifies', () => {
    const lines = store(10);
    const verified = verifyChain(text(lines));
    if (!verified.ok) throw new Error('fixture');
    const kept = pruneLines(lines, verified.lines, 3, '2026-12-01T00:00:00Z');
    expect(kept).toHaveLength(4);
    expect(kept?.slice(1)).toEqual(lines.slice(7));
    expect(JSON.parse(kept![0])).toEqual({ timestamp: '2026-12-01T00:00:00Z', checkpoint: true, pruned: 7, head: sha256(lines[6]), prev: null });
    const after = verifyChain(text(kept!));
    expect(after.ok && after.records.map((r) => r.duration_s)).toEqual([17, 18, 19]);
    expect(after.ok && after.head).toBe(verified.head);
  });

  it('counts across repeated prunes and does nothing when there is little to prune', () => {
    const lines = store(10);
    const first = verifyChain(text(lines));
    const once = pruneLines(lines, first.ok ? first.lines : [], 5, '2026-12-01T00:00:00Z')!;
    const second = verifyChain(text(once));
    const twice = pruneLines(once, second.ok ? second.lines : [], 2, '2026-12-02T00:00:00Z')!;
    expect(JSON.parse(twice[0]).pruned).toBe(8);
    expect(verifyChain(text(twice)).ok).toBe(true);
    const third = verifyChain(text(twice));
    expect(pruneLines(twice, third.ok ? third.lines : [], 2, '2026-12-03T00:00:00Z')).toBeUndefined();
  });

  it('still detects an edit right after the checkpoint', () => {
    const lines = store(6);
    const v = verifyChain(text(lines));
    const kept = pruneLines(lines, v.ok ? v.lines : [], 3, '2026-12-01T00:00:00Z')!;
    const tampered = [JSON.stringify({ ...JSON.parse(kept[0]), head: sha256('forged') }), ...kept.slice(1)];
    expect(problem(tampered)[0]).toBe(2);
    expect(problem([kept[0], kept[2], kept[1], kept[3]])[0]).toBe(2);
    expect(problem([kept[1], kept[0], ...kept.slice(2)])[0]).toBe(1);
  });

  it('refuses a keep that is not a positive whole number', () => {
    expect(() => pruneLines(store(3), [], 0, '2026-12-01T00:00:00Z')).toThrow('keep: expected a whole number of records of at least 1, got 0');
  });
});

it('splitLines keeps an unterminated last line for verify to report', () => {
  expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
  expect(splitLines('a\nb')).toEqual(['a', 'b']);
});
