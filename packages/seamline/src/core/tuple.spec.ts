import { changedComponents, diffTuples, formatTupleDiff } from './tuple';

const sha = (c: string) => c.repeat(40);

describe('diffTuples', () => {
  it('names what moved, from which SHA to which, and what came and went', () => {
    const diff = diffTuples({ auth: sha('a'), users: sha('b'), old: sha('c') }, { auth: sha('a'), users: sha('d'), fresh: sha('e') });
    expect(diff).toEqual({
      moved: [{ name: 'users', from: sha('b'), to: sha('d') }],
      added: [{ name: 'fresh', to: sha('e') }],
      removed: [{ name: 'old', from: sha('c') }],
      unchanged: ['auth'],
    });
    expect(changedComponents(diff)).toEqual(['fresh', 'old', 'users']);
    expect(formatTupleDiff(diff)).toEqual([
      `  users: ${sha('b').slice(0, 12)} -> ${sha('d').slice(0, 12)}`,
      `  fresh: (none) -> ${sha('e').slice(0, 12)}`,
      `  old: ${sha('c').slice(0, 12)} -> (none)`,
    ]);
  });

  it('says so when nothing moved', () => {
    const diff = diffTuples({ auth: sha('a') }, { auth: sha('a') });
    expect(changedComponents(diff)).toEqual([]);
    expect(formatTupleDiff(diff)).toEqual(['  (identical tuples)']);
  });
});
