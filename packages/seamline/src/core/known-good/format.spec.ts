import { verifyChain } from './chain';
import { describePrune, describeRecord, describeVerify } from './format';
import type { KnownGoodRecord } from './record';

const sha = (c: string) => c.repeat(40);
const record: KnownGoodRecord = {
  timestamp: '2026-11-03T10:00:00Z',
  tuple: { auth: sha('a'), billing: sha('b') },
  manifest_sha256: 'c'.repeat(64),
  suite: 'full',
  duration_s: 42,
  prev: null,
  run: null,
};
const line = (r: KnownGoodRecord) => `${JSON.stringify(r)}\n`;

describe('known-good format', () => {
  it('describes a record: a title line, then each component with its SHA, names aligned', () => {
    expect(describeRecord(record, 'latest full')).toEqual([
      'latest full: 2026-11-03T10:00:00Z, manifest cccccccccccc, 42s',
      `  auth     ${sha('a')}`,
      `  billing  ${sha('b')}`,
    ]);
    expect(describeRecord({ ...record, run: 'https://ci/1' }, 'latest full')[0]).toBe(
      'latest full: 2026-11-03T10:00:00Z, manifest cccccccccccc, 42s, https://ci/1',
    );
  });

  it('describes an intact chain with its count and head, and an empty store without a head', () => {
    const chain = verifyChain(line(record));
    if (!chain.ok) throw new Error(chain.problem);
    expect(describeVerify('integration/known-good.jsonl', chain, undefined)).toEqual({
      lines: [`integration/known-good.jsonl: 1 record(s), chain intact, head ${chain.head!.slice(0, 16)}`],
      json: { ok: true, records: 1, head: chain.head, history: undefined },
    });
    expect(describeVerify('kg.jsonl', chain, chain.head!.toUpperCase()).lines).toHaveLength(1);
    expect(describeVerify('kg.jsonl', verifyChain(''), undefined)).toEqual({
      lines: ['kg.jsonl: 0 record(s), chain intact'],
      json: { ok: true, records: 0, head: null, history: undefined },
    });
  });

  it('refuses a broken chain naming its line, and a head other than the expected one', () => {
    expect(() => describeVerify('kg.jsonl', { ok: false, line: 2, problem: 'chain broken at line 2' }, undefined)).toThrow(
      'kg.jsonl:2: chain broken at line 2; restore it from git',
    );
    const chain = verifyChain(line(record));
    expect(() => describeVerify('kg.jsonl', chain, 'f'.repeat(64))).toThrow(
      `kg.jsonl: no line of the store hashes to the anchored head ${'f'.repeat(64)}: records were cut from or edited at the end, or the history was rewritten`,
    );
    expect(() => describeVerify('kg.jsonl', verifyChain(''), 'f'.repeat(12))).toThrow('no line of the store hashes to the anchored head ffffffffffff');
  });

  it('describes a prune, or that there was nothing to prune', () => {
    expect(describePrune('kg.jsonl', 3, 2, 5)).toBe('Pruned 3 record(s) from kg.jsonl; kept 2 behind a checkpoint');
    expect(describePrune('kg.jsonl', 0, 5, 2)).toBe('Nothing to prune: kg.jsonl holds 2 record(s)');
  });
});
