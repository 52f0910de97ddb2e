import { compareText } from './compare-text';

describe('compareText', () => {
  it('orders by code units, as sort() does, whatever the locale', () => {
    const names = ['aardvark', 'billing', 'zeta', 'tax', 'sales', 'a-b', 'a_b', 'users2', 'users10', 'Auth'];
    expect([...names].sort(compareText)).toEqual([...names].sort());
    expect([...names].sort(compareText)).toEqual(['Auth', 'a-b', 'a_b', 'aardvark', 'billing', 'sales', 'tax', 'users10', 'users2', 'zeta']);
    expect(compareText('a', 'a')).toBe(0);
  });
});
