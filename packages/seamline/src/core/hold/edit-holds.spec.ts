import type { Hold } from '../config/integration-config';
import { parseIntegrationConfig } from '../config/parse-config';
import { releaseHold, setHold } from './edit-holds';

const sha = (c: string) => c.repeat(40);
const hold = (over: Partial<Hold> = {}): Hold => ({
  component: 'schema',
  sha: sha('a'),
  reason: 'culprit schema bbb: breaks users # see issue 4',
  expires: '2026-12-13',
  ...over,
});

/** A user's curated file: comments everywhere, flow collections without padding. */
const CURATED = `# Seamline: subsets and policies
subsets:
  pr_fast: {seams: [users-schema], budget: 10m}   # every PR
  full: { seams: all, budget: 1h }
quarantine:
  - seam: users-schema   # flaky fixture
    reason: "issue 12"
    expires: 2027-01-31

# after merge
bisect: auto
`;

describe('setHold', () => {
  it('appends a hold list at the end, leaving every other byte of the file as it was', () => {
    const { text, replaced } = setHold(CURATED, hold());
    expect(replaced).toBeUndefined();
    expect(text.startsWith(CURATED)).toBe(true);
    expect(text.slice(CURATED.length)).toBe(
      `hold:\n  - component: schema\n    sha: ${sha('a')}\n    reason: "culprit schema bbb: breaks users # see issue 4"\n    expires: 2026-12-13\n`,
    );
    expect(parseIntegrationConfig(text, 'f').hold).toEqual([hold()]);
  });

  it('adds to an existing list under its last entry, and replaces the entry of the same component where it stands', () => {
    const withList = `${CURATED}hold:   # do-not-update list\n  - component: users  # owner: team-a\n    sha: ${sha('c')}\n    reason: r1\n    expires: 2026-12-01\n# trailing comment\n`;
    const added = setHold(withList, hold()).text;
    expect(added).toBe(
      withList.replace(
        '# trailing comment',
        `  - component: schema\n    sha: ${sha('a')}\n    reason: "culprit schema bbb: breaks users # see issue 4"\n    expires: 2026-12-13\n# trailing comment`,
      ),
    );
    const again = setHold(added, hold({ sha: sha('d'), reason: 'newer' }));
    expect(again.replaced).toEqual(hold());
    expect(parseIntegrationConfig(again.text, 'f').hold).toEqual([
      { component: 'users', sha: sha('c'), reason: 'r1', expires: '2026-12-01' },
      hold({ sha: sha('d'), reason: 'newer' }),
    ]);
    const first = setHold(again.text, { component: 'users', sha: sha('e'), reason: 'r2', expires: '2026-12-02' }).text;
    expect(first).toContain(
      `hold:   # do-not-update list\n  - component: users\n    sha: ${sha('e')}\n    reason: r2\n    expires: 2026-12-02\n  - component: schema\n`,
    );
    expect(setHold(setHold(CURATED, hold()).text, hold({ reason: 'only' })).text).toBe(setHold(CURATED, hold({ reason: 'only' })).text);
    expect(again.text).toContain('hold:   # do-not-update list\n  - component: users  # owner: team-a\n');
    expect(again.text).toContain('# trailing comment\n');
  });

  it('turns `hold: []` into a block list', () => {
    const text = setHold(`${CURATED}hold: []\n`, hold()).text;
    expect(text).toBe(
      `${CURATED}hold:\n  - component: schema\n    sha: ${sha('a')}\n    reason: "culprit schema bbb: breaks users # see issue 4"\n    expires: 2026-12-13\n`,
    );
  });
});

describe('releaseHold', () => {
  it('removes the entry, then the whole list with its last entry, and leaves the rest alone', () => {
    const two = setHold(setHold(CURATED, hold({ component: 'users', sha: sha('c') })).text, hold()).text;
    const one = releaseHold(two, 'users');
    expect(one.released).toMatchObject({ component: 'users' });
    expect(parseIntegrationConfig(one.text, 'f').hold).toEqual([hold()]);
    const none = releaseHold(one.text, 'schema');
    expect(none.text).toBe(CURATED);
    expect(releaseHold(CURATED, 'schema')).toEqual({ text: CURATED });
  });
});
