import { badge, findRecord, latest } from './queries';
import { canRelease } from './release';
import type { KnownGoodRecord } from './record';

const sha = (c: string) => c.repeat(40);
const record = (suite: string, tuple: Record<string, string>, hash: string, day: number): KnownGoodRecord => ({
  timestamp: `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`,
  tuple,
  manifest_sha256: hash.repeat(64),
  suite,
  duration_s: 1,
  prev: null,
  run: null,
});

const records = [
  record('full', { auth: sha('1'), users: sha('2') }, 'a', 1),
  record('pr_fast', { auth: sha('3'), users: sha('2') }, 'b', 2),
  record('full', { auth: sha('4'), users: sha('2') }, 'c', 3),
  record('pr_fast', { auth: sha('5'), users: sha('6') }, 'd', 4),
];

describe('known-good queries', () => {
  it('latest finds the newest record of a suite, or of any suite', () => {
    expect(latest(records, 'full')?.tuple.auth).toBe(sha('4'));
    expect(latest(records)?.tuple.auth).toBe(sha('5'));
    expect(latest(records, 'nightly')).toBeUndefined();
    expect(latest([], 'full')).toBeUndefined();
  });

  it('canRelease only for a SHA inside a tuple that passed the full suite', () => {
    expect(canRelease(records, 'auth', sha('1'))?.manifest_sha256).toBe('a'.repeat(64));
    expect(canRelease(records, 'auth', sha('4'))).toBeDefined();
    expect(canRelease(records, 'auth', sha('3'))).toBeUndefined(); // passed pr_fast only
    expect(canRelease(records, 'users', sha('6'))).toBeUndefined();
    expect(canRelease(records, 'billing', sha('1'))).toBeUndefined();
    expect(canRelease(records, 'auth', sha('1').toUpperCase())).toBeDefined();
  });

  it('badge is a shields.io endpoint document', () => {
    expect(badge(latest(records, 'full'), '0123456789abcdef'.repeat(4))).toEqual({
      schemaVersion: 1,
      label: 'known good',
      message: '2026-11-03 · head 0123456789abcdef',
      color: 'brightgreen',
    });
    expect(badge(undefined, null)).toEqual({ schemaVersion: 1, label: 'known good', message: 'none yet', color: 'lightgrey' });
  });

  it('findRecord resolves latest, latest~N and hash prefixes', () => {
    expect(findRecord(records, 'latest')?.suite).toBe('pr_fast');
    expect(findRecord(records, 'latest', 'full')?.tuple.auth).toBe(sha('4'));
    expect(findRecord(records, 'latest~1', 'full')?.tuple.auth).toBe(sha('1'));
    expect(findRecord(records, 'latest~9')).toBeUndefined();
    expect(findRecord(records, 'bbbbbbb')?.tuple.auth).toBe(sha('3'));
    expect(findRecord(records, 'zzz')).toBeUndefined();
  });
});
