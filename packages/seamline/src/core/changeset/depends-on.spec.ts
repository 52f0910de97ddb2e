import { parseDependsOn } from './depends-on';
import { findCycle } from './find-cycle';

describe('Depends-On lines', () => {
  it('reads PR URLs (any host) and owner/name#n, case-insensitively, once each, in order', () => {
    const body = [
      'Renames the token field.',
      'Depends-On: https://github.com/Acme/Users/pull/12',
      'depends-on: acme/billing#3',
      'DEPENDS-ON: https://ghe.example.com/acme/schema/pull/7/',
      'Depends-On: https://github.com/acme/users/pull/12',
    ].join('\r\n');
    expect(parseDependsOn(body)).toEqual([
      { slug: 'acme/users', number: 12 },
      { slug: 'acme/billing', number: 3 },
      { slug: 'acme/schema', number: 7 },
    ]);
  });

  it('ignores prose, issue links and lines that only mention Depends-On', () => {
    const body = 'We talked about Depends-On: acme/users#12 inline.\nDepends-On: https://github.com/acme/users/issues/4\nDepends-On: soon\n';
    expect(parseDependsOn(body)).toEqual([]);
    expect(parseDependsOn(null)).toEqual([]);
  });
});

describe('findCycle', () => {
  it('finds a cycle and names its path', () => {
    const edges = new Map([
      ['a#1', ['b#2']],
      ['b#2', ['c#3']],
      ['c#3', ['a#1']],
    ]);
    expect(findCycle(edges)).toEqual(['a#1', 'b#2', 'c#3', 'a#1']);
  });

  it('accepts a DAG with shared dependencies', () => {
    const edges = new Map([
      ['a#1', ['b#2', 'c#3']],
      ['b#2', ['c#3']],
      ['c#3', []],
    ]);
    expect(findCycle(edges)).toBeUndefined();
  });

  it('finds a self-dependency', () => {
    expect(findCycle(new Map([['a#1', ['a#1']]]))).toEqual(['a#1', 'a#1']);
  });
});
