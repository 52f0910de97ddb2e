import { addSeamToSubset } from './add-seam-to-subset';

const I = 'integration/seamline.yaml';

describe('addSeamToSubset', () => {
  it('appends to a flow list and leaves every other byte alone', () => {
    const text = `# curated by the platform team
subsets:
  pr_fast: { seams: [users-auth], budget: 10m }   # keep it fast
  full: {seams: all, budget: 1h}
renderers: [ env ]
`;
    expect(addSeamToSubset(text, 'pr_fast', 'billing-users')).toBe(text.replace('[users-auth]', '[users-auth, billing-users]'));
  });

  it('fills an empty flow list', () => {
    const text = 'subsets:\n  pr_fast:\n    seams: []  # none yet\n    budget: 10m\n';
    expect(addSeamToSubset(text, 'pr_fast', 'users-auth')).toBe('subsets:\n  pr_fast:\n    seams: [users-auth]  # none yet\n    budget: 10m\n');
  });

  it('adds a line to a block list at its indentation, after a trailing comment', () => {
    const text = 'subsets:\n  nightly:\n    seams:\n      - a   # first\n      - "b"  # second\n    budget: 1h\n';
    expect(addSeamToSubset(text, 'nightly', 'c')).toBe(
      'subsets:\n  nightly:\n    seams:\n      - a   # first\n      - "b"  # second\n      - c\n    budget: 1h\n',
    );
  });

  it('adds to a block list that ends the file without a newline', () => {
    expect(addSeamToSubset('subsets:\n  s:\n    budget: 1h\n    seams:\n    - a', 's', 'b')).toBe(
      'subsets:\n  s:\n    budget: 1h\n    seams:\n    - a\n    - b\n',
    );
  });

  it('quotes a name that would not read back as text', () => {
    expect(addSeamToSubset('subsets:\n  s: { seams: [a], budget: 1h }\n', 's', '123')).toBe('subsets:\n  s: { seams: [a, "123"], budget: 1h }\n');
  });

  it('changes nothing for a subset of all seams, or one that already lists the seam', () => {
    const text = 'subsets:\n  pr_fast: { seams: [a], budget: 10m }\n  full: { seams: all, budget: 1h }\n';
    expect(addSeamToSubset(text, 'full', 'b')).toBe(text);
    expect(addSeamToSubset(text, 'pr_fast', 'a')).toBe(text);
  });

  it('refuses a list it cannot edit in place', () => {
    const text = 'subsets:\n  a: { seams: &shared [x], budget: 1m }\n  b: { seams: *shared, budget: 1m }\n';
    expect(() => addSeamToSubset(text, 'b', 'y')).toThrow(`${I}: field "subsets.b.seams": is not a plain list of names; add "y" there by hand`);
    expect(() => addSeamToSubset('subsets:\n  a: { seams: [x], budget: 1m }\n', 'b', 'y')).toThrow(`${I}: field "subsets": unknown subset "b"`);
  });
});
