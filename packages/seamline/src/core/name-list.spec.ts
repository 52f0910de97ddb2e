import { nameList } from './name-list';

describe('nameList', () => {
  const seams = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);

  it('names every seam up to the limit', () => {
    expect(nameList([])).toBe('');
    expect(nameList(['users-auth-contract'])).toBe('users-auth-contract');
    expect(nameList(seams(20))).toBe(seams(20).join(', '));
  });

  it('names the first ones and counts the rest past it', () => {
    expect(nameList(seams(1000))).toBe(`${seams(20).join(', ')} and 980 more`);
    expect(nameList(seams(4), 3)).toBe('s0, s1, s2 and 1 more');
  });
});
