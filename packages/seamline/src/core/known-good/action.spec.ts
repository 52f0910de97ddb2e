import { knownGoodAction } from './action';

describe('known-good action', () => {
  it('is the one action flag given, or the summary without one', () => {
    expect(knownGoodAction({})).toBe('summary');
    expect(knownGoodAction({ verify: true })).toBe('verify');
    expect(knownGoodAction({ latest: true })).toBe('latest');
    expect(knownGoodAction({ diff: 'latest~1..latest' })).toBe('diff');
    expect(knownGoodAction({ badge: true })).toBe('badge');
    expect(knownGoodAction({ badge: 'public/badge.json' })).toBe('badge');
    expect(knownGoodAction({ prune: true })).toBe('prune');
    expect(knownGoodAction({ canRelease: 'auth@abc' })).toBe('can-release');
  });

  it('reads a flag set to false or empty as not given', () => {
    expect(knownGoodAction({ verify: false, badge: false, latest: true })).toBe('latest');
    expect(knownGoodAction({ badge: '' })).toBe('summary');
  });

  it('refuses two action flags in one line', () => {
    expect(() => knownGoodAction({ verify: true, latest: true })).toThrow(
      '--verify and --latest: one action per run; pass one of --verify, --latest, --diff, --badge, --prune, --can-release',
    );
    expect(() => knownGoodAction({ badge: 'b.json', prune: true, canRelease: 'auth@abc' })).toThrow(
      /^--badge and --prune and --can-release: one action per run/,
    );
  });
});
