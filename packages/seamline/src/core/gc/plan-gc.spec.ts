import { formatSize, parseSize } from '../size';
import { planGc } from './plan-gc';

const entry = (name: string, bytes: number, lastUsed: number, leased = false) => ({ name, bytes, lastUsed, leased });

describe('planGc', () => {
  const entries = [entry('a@1', 300, 10), entry('b@1', 200, 40), entry('c@1', 100, 20), entry('d@1', 400, 30, true)];

  it('removes the least recently used first until the rest fit, never a leased one', () => {
    const plan = planGc(entries, 600);
    expect(plan.remove.map((e) => e.name)).toEqual(['a@1', 'c@1']);
    expect(plan.keep.map((e) => [e.name, e.reason])).toEqual([
      ['d@1', 'in use by a running process'],
      ['b@1', 'within the limit'],
    ]);
    expect([plan.totalBytes, plan.afterBytes, plan.withinLimit]).toEqual([1000, 600, true]);
  });

  it('with a limit below the leased checkouts, removes every other one and says it is still above', () => {
    const plan = planGc(entries, 0);
    expect(plan.remove.map((e) => e.name)).toEqual(['a@1', 'c@1', 'b@1']);
    expect(plan.keep.map((e) => e.name)).toEqual(['d@1']);
    expect([plan.afterBytes, plan.withinLimit]).toEqual([400, false]);
  });

  it('removes the pins the next run will want (latest known good, held) only after every other, oldest first among them', () => {
    const wanted = [
      { ...entry('kg@1', 300, 1), wanted: 'a pin of the latest known good' as const },
      { ...entry('held@1', 100, 2), wanted: 'held in seamline.yaml' as const },
      entry('new@1', 300, 50),
      entry('newer@1', 100, 60),
    ];
    const plan = planGc(wanted, 300);
    expect(plan.remove.map((e) => e.name)).toEqual(['new@1', 'newer@1', 'kg@1']);
    expect(plan.keep.map((e) => [e.name, e.reason])).toEqual([['held@1', 'held in seamline.yaml']]);
    expect(planGc(wanted, 450).keep.map((e) => [e.name, e.reason])).toEqual([
      ['kg@1', 'a pin of the latest known good'],
      ['held@1', 'held in seamline.yaml'],
    ]);
  });

  it('removes nothing within the limit', () => {
    expect(planGc(entries, 1000).remove).toEqual([]);
  });
});

describe('sizes', () => {
  it.each([
    ['2GB', 2 * 1024 ** 3],
    ['500MB', 500 * 1024 ** 2],
    ['1.5g', 1.5 * 1024 ** 3],
    ['10 KiB', 10 * 1024],
    ['4096', 4096],
    [0, 0],
  ])('%s is %d bytes', (text, bytes) => expect(parseSize(text)).toBe(bytes));
  it.each(['', 'lots', '2 XB', '-1GB', '1e9'])('%j is refused', (text) => expect(parseSize(text)).toBeUndefined());
  it('formats as du -h does', () => expect([formatSize(512), formatSize(1536), formatSize(885 * 1024 ** 2)]).toEqual(['512 B', '1.5 KB', '885 MB']));
});
