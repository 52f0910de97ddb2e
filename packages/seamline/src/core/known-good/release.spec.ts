import { sha256 } from '../hash';
import { verifyChain } from './chain';
import { type KnownGoodRecord, serializeRecord } from './record';
import { canRelease, decideRelease, storeNotVerified } from './release';
import { parseReleaseTarget } from './release-target';

const sha = (c: string) => c.repeat(40);
type Entry = Omit<KnownGoodRecord, 'prev' | 'timestamp' | 'duration_s'>;
const run = (n: string, tuple: Record<string, string>, extra: Partial<Entry> = {}): Entry => ({
  tuple,
  manifest_sha256: n.repeat(64),
  suite: 'full',
  run: `https://ci/runs/${n}`,
  ...extra,
});

/** A store whose chain verifies, from its records in order. */
function store(entries: Entry[]) {
  let prev: string | null = null;
  const lines = entries.map((e, i) => {
    const line = serializeRecord({ ...e, timestamp: `2026-11-0${i + 1}T10:00:00Z`, duration_s: 5, prev });
    prev = sha256(line);
    return line;
  });
  const chain = verifyChain(lines.map((l) => `${l}\n`).join(''));
  if (!chain.ok) throw new Error(chain.problem);
  return { chain, hashes: lines.map(sha256) };
}

describe('decideRelease', () => {
  const { chain, hashes } = store([
    run('1', { auth: sha('a'), users: sha('b') }),
    run('2', { auth: sha('c'), users: sha('b') }, { suite: 'pr_fast' }),
    run('3', { auth: sha('d'), users: sha('e') }, { manual: 'restored by hand after the outage' }),
    run('4', { auth: sha('f'), users: sha('e') }, { quarantined: { 'users-auth-contract': ['auth', 'users'] } }),
    run('5', { auth: sha('f'), users: sha('9') }, { quarantined: { 'billing-users-ledger': ['billing', 'users'] } }),
  ]);

  it('a SHA a full run verified is releasable, naming the record (line, suite, head) and the latest known good', () => {
    const v = decideRelease(chain, 'auth', sha('A'));
    expect(v).toMatchObject({
      canRelease: true,
      component: 'auth',
      sha: sha('a'),
      verifiedBy: {
        line: 1,
        hash: hashes[0],
        suite: 'full',
        manifest_sha256: '1'.repeat(64),
        run: 'https://ci/runs/1',
        tuple: { auth: sha('a'), users: sha('b') },
      },
      latestKnownGood: { line: 5, sha: sha('f') },
    });
    expect(v.message).toBe(
      `auth@aaaaaaaaaaaa can be released: verified by known-good line 1 (suite full, 2026-11-01T10:00:00Z, manifest 111111111111, head ${hashes[0].slice(0, 16)}, https://ci/runs/1)`,
    );
  });

  it('a SHA that passed another suite only, or no suite, is not, and the latest known-good SHA is named instead', () => {
    for (const s of [sha('c'), sha('0')]) {
      const v = decideRelease(chain, 'auth', s);
      expect(v).toMatchObject({ canRelease: false, reason: 'not-known-good', latestKnownGood: { sha: sha('f'), line: 5 } });
      expect(v.message).toBe(
        `auth@${s.slice(0, 12)} cannot be released: it is not part of any tuple that passed the full suite; the latest known good auth is ${sha('f')} (line 5, 2026-11-05T10:00:00Z)`,
      );
    }
  });

  it('a manual record is no proof', () => {
    const v = decideRelease(chain, 'auth', sha('d'));
    expect(v).toMatchObject({ canRelease: false, reason: 'manual-only', manual: { line: 3, manual: 'restored by hand after the outage' } });
    expect(v.message).toContain('only a manual record (line 3, "restored by hand after the outage") names it, and a manual record is not a passing run');
    expect(canRelease(chain.records, 'auth', sha('d'))).toBeUndefined();
  });

  it('a run where a seam touching the component failed under quarantine verifies nothing of that component', () => {
    // users@e: line 3 is manual, line 4 passed only with users-auth-contract failing under quarantine.
    const v = decideRelease(chain, 'users', sha('e'));
    expect(v).toMatchObject({ canRelease: false, reason: 'quarantined', quarantined: { record: { line: 4 }, seams: ['users-auth-contract'] } });
    expect(v.message).toBe(
      `users@eeeeeeeeeeee cannot be released: the full run that pinned it (line 4) passed only with seam(s) users-auth-contract failing under quarantine, so nothing verified users there; fix the seam(s) and run the full suite again; the latest known good users is ${sha('b')} (line 1, 2026-11-01T10:00:00Z)`,
    );
    expect(canRelease(chain.records, 'users', sha('e'))).toBeUndefined();
    // auth@f: line 4's quarantined seam touches auth, line 5's does not, so line 5 verifies it.
    expect(decideRelease(chain, 'auth', sha('f'))).toMatchObject({ canRelease: true, verifiedBy: { line: 5 } });
    expect(decideRelease(chain, 'users', sha('9'))).toMatchObject({
      canRelease: false,
      reason: 'quarantined',
      quarantined: { seams: ['billing-users-ledger'] },
    });
  });

  it('a record in which the component was held verifies the others, never the held component', () => {
    const held = { component: 'auth', sha: sha('7'), reason: 'culprit auth 8888 breaks users-auth-contract', expires: '2026-12-13' };
    const { chain: withHold } = store([run('1', { auth: sha('a'), users: sha('b') }), run('2', { auth: sha('7'), users: sha('6') }, { holds: [held] })]);
    const v = decideRelease(withHold, 'auth', sha('7'));
    expect(v).toMatchObject({ canRelease: false, reason: 'held', latestKnownGood: { sha: sha('a'), line: 1 } });
    expect(v.message).toContain('held auth there (hold reason: culprit auth 8888 breaks users-auth-contract)');
    expect(canRelease(withHold.records, 'auth', sha('7'))).toBeUndefined();
    expect(decideRelease(withHold, 'users', sha('6'))).toMatchObject({ canRelease: true, verifiedBy: { line: 2 } });
  });

  it('an empty store verifies nothing and says so', () => {
    const empty = verifyChain('');
    if (!empty.ok) throw new Error('empty store');
    expect(decideRelease(empty, 'auth', sha('a')).message).toBe(
      'auth@aaaaaaaaaaaa cannot be released: it is not part of any tuple that passed the full suite; no full-suite record verifies auth yet',
    );
  });

  it('a store that does not verify answers no, and names no latest known good', () => {
    expect(storeNotVerified('auth', sha('A'), 'kg.jsonl:2: chain broken at line 2')).toEqual({
      component: 'auth',
      sha: sha('a'),
      canRelease: false,
      reason: 'store-not-verified',
      latestKnownGood: null,
      message: 'auth@aaaaaaaaaaaa cannot be released: the known-good store does not verify: kg.jsonl:2: chain broken at line 2',
    });
  });
});

describe('parseReleaseTarget', () => {
  const components = {
    auth: { repo: 'https://github.com/acme/auth.git' },
    users: { repo: 'git@github.com:acme/users.git' },
    mirror: { repo: 'https://gitlab.example.com/acme/mirror' },
  };

  it('takes a component name, or a repository (owner/name or git URL) that maps to its component', () => {
    expect(parseReleaseTarget(`auth@${sha('A')}`, components)).toEqual({ component: 'auth', sha: sha('a') });
    for (const repo of ['acme/users', 'Acme/Users', 'https://github.com/acme/users.git', 'git@github.com:acme/users.git', 'ssh://git@github.com/acme/users']) {
      expect(parseReleaseTarget(`${repo}@${sha('b')}`, components)).toEqual({ component: 'users', sha: sha('b') });
    }
    expect(parseReleaseTarget(`acme/mirror@${sha('c')}`, components).component).toBe('mirror');
  });

  it('refuses what it cannot map, in one line', () => {
    expect(() => parseReleaseTarget(`ghost@${sha('a')}`, components)).toThrow('--can-release: unknown component "ghost" (declared: auth, mirror, users)');
    expect(() => parseReleaseTarget(`evil/auth@${sha('a')}`, components)).toThrow(
      '--can-release: repository "evil/auth" is not the repo of any declared component (declared: acme/auth (auth), acme/mirror (mirror), acme/users (users))',
    );
    expect(() => parseReleaseTarget('auth@abc', components)).toThrow('--can-release: auth@abc: expected a full 40-character hex commit SHA');
    expect(() => parseReleaseTarget(sha('a'), components)).toThrow('--can-release: expected <component>@<sha> or <owner/name>@<sha>');
    const twice = { ...components, again: { repo: 'https://github.com/acme/auth' } };
    expect(() => parseReleaseTarget(`acme/auth@${sha('a')}`, twice)).toThrow('is the repo of components auth, again; name the component instead');
  });
});
