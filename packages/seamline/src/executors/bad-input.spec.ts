import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../terminal/logger';
import { executorContext, FIXTURE_FILES, fixtureWorkspace } from '../__fixtures__/workspace';
import bisect from './bisect/executor';
import changeset from './changeset/executor';
import full from './full/executor';
import knownGood from './known-good/executor';
import lintSubsets from './lint-subsets/executor';
import manifest from './manifest/executor';
import materialize from './materialize/executor';
import prFast from './pr-fast/executor';
import reproduce from './reproduce/executor';
import verify from './verify/executor';

type Executor = (options: never, context: ReturnType<typeof executorContext>) => Promise<{ success: boolean }>;

const sha = (c: string) => c.repeat(40);
const RECORD = JSON.stringify({
  timestamp: '2026-11-21T12:55:10Z',
  tuple: { auth: sha('a'), billing: sha('c'), users: sha('b') },
  manifest_sha256: 'f'.repeat(64),
  suite: 'full',
  duration_s: 1,
  prev: null,
  run: null,
});
const MANIFEST = (name: string, repo: string) =>
  `kind: full\nothers:\n  - { name: ${name}, repo: ${repo}, sha: ${sha('a')}, from: main }\nsubset: full\ntimestamp: 2026-11-21T12:14:03Z\n`;

const FULL_MANIFEST = `kind: full\nothers:\n${['auth', 'billing', 'users'].map((c, i) => `  - { name: ${c}, repo: https://github.com/acme/${c}.git, sha: ${sha(String(i + 1))}, from: main }\n`).join('')}subset: full\ntimestamp: 2026-11-21T12:14:03Z\n`;

/** [what, executor, options, extra files, the one line expected] */
const CASES: [string, Executor, Record<string, unknown>, Record<string, string>, string | RegExp][] = [
  // pr-fast
  [
    'pr-fast with nothing to test',
    prFast as Executor,
    {},
    {},
    'pr-fast: expected --component=<name> with --sha=<40-hex PR head SHA> or --pr=<number>, or --payload=<file>',
  ],
  [
    'pr-fast of an undeclared component',
    prFast as Executor,
    { component: 'payments', sha: sha('1') },
    {},
    '--component: unknown component "payments" (declared: auth, billing, users)',
  ],
  [
    'pr-fast with a short SHA',
    prFast as Executor,
    { component: 'users', sha: 'abc1234' },
    {},
    'sha of users: expected a full 40-character hex commit SHA, got "abc1234"; use `git rev-parse <ref>`',
  ],
  [
    'pr-fast with a branch name for a SHA',
    prFast as Executor,
    { component: 'users', sha: 'main' },
    {},
    'sha of users: expected a full 40-character hex commit SHA, got "main"; use `git rev-parse <ref>`',
  ],
  [
    'pr-fast with a PR number that is not one',
    prFast as Executor,
    { component: 'users', sha: sha('1'), pr: -3 },
    {},
    'pr of users: expected a positive PR number, got -3',
  ],
  [
    'pr-fast with an unknown subset',
    prFast as Executor,
    { component: 'users', sha: sha('1'), subset: 'nightly' },
    {},
    '--subset: unknown subset "nightly" (declared in integration/seamline.yaml: full, pr_fast)',
  ],
  [
    'pr-fast with a malformed shard',
    prFast as Executor,
    { component: 'users', sha: sha('1'), shard: '0/2' },
    {},
    '--shard: expected i/n with 1 <= i <= n (e.g. 2/4), got "0/2"',
  ],
  [
    'a payload file that is not there',
    prFast as Executor,
    { payload: 'nope.json' },
    {},
    'nope.json: file not found; pass the dispatch payload file ({repo, pr, sha})',
  ],
  [
    'a payload that is a directory',
    prFast as Executor,
    { payload: 'integration' },
    {},
    'integration: is a folder, expected a file; pass the dispatch payload file ({repo, pr, sha})',
  ],
  [
    'a payload that is not JSON',
    prFast as Executor,
    { payload: 'p.json' },
    { 'p.json': 'repo=acme/users' },
    'p.json: expected a JSON object {"repo", "pr", "sha"}, got text that is not JSON',
  ],
  ['a payload that is a JSON array', prFast as Executor, { payload: 'p.json' }, { 'p.json': '[1]' }, 'p.json: expected a mapping, got a list'],
  [
    'a payload of an undeclared repository',
    prFast as Executor,
    { payload: 'p.json' },
    { 'p.json': JSON.stringify({ repo: 'evil/users', pr: 1, sha: sha('1') }) },
    'p.json: field "repo": "evil/users" is not a declared component repository; nothing was fetched (declared: acme/auth, acme/billing, acme/users)',
  ],
  [
    'a payload with a short SHA',
    prFast as Executor,
    { payload: 'p.json' },
    { 'p.json': JSON.stringify({ repo: 'acme/users', pr: 1, sha: 'abc' }) },
    'p.json: field "sha": expected a full 40-character hex commit SHA (short SHAs and branch names are not pins; use `git rev-parse <ref>`), got "abc"',
  ],
  [
    'a payload with a PR that is a word',
    prFast as Executor,
    { payload: 'p.json' },
    { 'p.json': JSON.stringify({ repo: 'acme/users', pr: 'word', sha: sha('1') }) },
    'p.json: field "pr": expected number, got "word"',
  ],
  [
    'a payload with an option-like repo',
    prFast as Executor,
    { payload: 'p.json' },
    { 'p.json': JSON.stringify({ repo: '--upload-pack=evil', pr: 1, sha: sha('1') }) },
    'p.json: field "repo": "--upload-pack=evil" is not a declared component repository; nothing was fetched (declared: acme/auth, acme/billing, acme/users)',
  ],
  // full
  [
    'full with a short --main SHA',
    full as Executor,
    { main: 'auth@abc123' },
    {},
    '--main: auth@abc123: expected a full 40-character hex commit SHA; use `git rev-parse <ref>`',
  ],
  [
    'full with --main of an undeclared component',
    full as Executor,
    { main: `payments@${sha('1')}` },
    {},
    '--main: unknown component "payments" (declared: auth, billing, users)',
  ],
  ['full with one component named twice', full as Executor, { main: [`auth@${sha('1')}`, `auth@${sha('2')}`] }, {}, '--main: component "auth" is named twice'],
  [
    'full with --main that is no pin',
    full as Executor,
    { main: 'auth' },
    {},
    '--main: expected name@<sha> (e.g. auth@0000000000000000000000000000000000000000), got "auth"',
  ],
  ['full with a shard beyond the count', full as Executor, { shard: '3/2' }, {}, '--shard: expected i/n with 1 <= i <= n (e.g. 2/4), got "3/2"'],
  ['full with a shard that is a word', full as Executor, { shard: 'half' }, {}, '--shard: expected i/n with 1 <= i <= n (e.g. 2/4), got "half"'],
  [
    'full with an unknown subset',
    full as Executor,
    { subset: 'fulll', main: [`auth@${sha('1')}`, `users@${sha('2')}`, `billing@${sha('3')}`] },
    {},
    '--subset: unknown subset "fulll" (declared in integration/seamline.yaml: full, pr_fast)',
  ],
  // changeset
  [
    'changeset with neither name nor PRs',
    changeset as Executor,
    {},
    {},
    'changeset: expected --name=<changeset> (PRs labelled changeset:<name>) or --prs=component#n,...',
  ],
  [
    'changeset by label without GitHub',
    changeset as Executor,
    { name: 'rename' },
    {},
    'changeset "rename": finding its PRs by label needs GitHub (set GITHUB_TOKEN), or name them with --prs=component#n,...',
  ],
  [
    'changeset with a malformed PR',
    changeset as Executor,
    { prs: 'users-7' },
    {},
    '--prs: expected component#<pr number>[@<sha>] (e.g. auth#17), got "users-7"',
  ],
  [
    'changeset with a PR of an undeclared component',
    changeset as Executor,
    { prs: `ghost#7@${sha('1')}` },
    {},
    '--prs: unknown component "ghost" (declared: auth, billing, users)',
  ],
  [
    'changeset with an unknown subset',
    changeset as Executor,
    { prs: [`users#7@${sha('1')}`], subset: 'nightly' },
    {},
    '--subset: unknown subset "nightly" (declared in integration/seamline.yaml: full, pr_fast)',
  ],
  // manifest
  ['manifest of a kind that does not exist', manifest as Executor, { kind: 'bogus' }, {}, '--kind: expected one of pr, changeset, full, got "bogus"'],
  [
    'a pr manifest without its SHA',
    manifest as Executor,
    { kind: 'pr', component: 'users' },
    {},
    '--kind=pr: expected --component=<name> and --sha=<40-hex PR head SHA>',
  ],
  ['a changeset manifest without its name', manifest as Executor, { kind: 'changeset' }, {}, '--kind=changeset: expected --changeset=<name>'],
  [
    'a manifest of an unknown subset',
    manifest as Executor,
    { kind: 'full', subset: 'nightly' },
    {},
    '--subset: unknown subset "nightly" (declared in integration/seamline.yaml: full, pr_fast)',
  ],
  [
    'a manifest with a timestamp that is not RFC 3339',
    manifest as Executor,
    { kind: 'full', main: [`auth@${sha('1')}`, `users@${sha('2')}`, `billing@${sha('3')}`], timestamp: 'yesterday' },
    {},
    '--timestamp: expected an RFC 3339 UTC timestamp such as 2026-11-21T12:14:03Z, got "yesterday"',
  ],
  // reproduce
  ['reproduce of nothing', reproduce as Executor, {}, {}, 'reproduce: expected --manifest=<file> or --record=<latest|latest~N|hash prefix>'],
  [
    'reproduce of a manifest that is not there',
    reproduce as Executor,
    { manifest: 'm.yaml' },
    {},
    'm.yaml: file not found; pass a run id (a folder of .seamline/runs), its folder or a manifest.yaml',
  ],
  [
    'reproduce of a directory',
    reproduce as Executor,
    { manifest: 'integration' },
    {},
    'integration: is a folder, expected a file; pass a run id (a folder of .seamline/runs), its folder or a manifest.yaml',
  ],
  [
    'reproduce of a manifest that is not YAML',
    reproduce as Executor,
    { manifest: 'm.yaml' },
    { 'm.yaml': 'kind: [full\n' },
    'm.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the syntax there',
  ],
  [
    'reproduce of a YAML alias bomb',
    reproduce as Executor,
    { manifest: 'm.yaml' },
    {
      'm.yaml': `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n`,
    },
    'm.yaml: YAML aliases expand to more than 100 nodes; expected a plain document without alias chains',
  ],
  [
    'reproduce of a manifest naming an undeclared component',
    reproduce as Executor,
    { manifest: 'm.yaml' },
    { 'm.yaml': MANIFEST('evil', 'https://evil.example/x.git') },
    'm.yaml: unknown component "evil" (declared: auth, billing, users); nothing is fetched from an undeclared repository',
  ],
  [
    'reproduce of a manifest with another repo for a component',
    reproduce as Executor,
    { manifest: 'm.yaml' },
    { 'm.yaml': MANIFEST('auth', 'https://evil.example/auth.git') },
    'm.yaml: component "auth" names repo https://evil.example/auth.git, but components/auth/component.yaml declares https://github.com/acme/auth.git; regenerate the manifest',
  ],
  [
    'reproduce of a record that does not exist',
    reproduce as Executor,
    { record: 'latest~5' },
    {},
    '--record: no known-good record matches "latest~5" in integration/known-good.jsonl (use latest, latest~N or a manifest-hash prefix)',
  ],
  // bisect
  [
    'bisect of a manifest that is not there',
    bisect as Executor,
    { bad: 'nope' },
    {},
    'nope: file not found; pass a run id (a folder of .seamline/runs), its folder or a manifest.yaml',
  ],
  [
    'bisect of an unknown seam',
    bisect as Executor,
    { bad: 'm.yaml', seams: 'ghost' },
    { 'm.yaml': FULL_MANIFEST },
    '--seams: unknown seam "ghost" (declared: billing-users-ledger, users-auth-contract)',
  ],
  // known-good
  [
    'can-release of a short SHA',
    knownGood as Executor,
    { canRelease: 'users@abc' },
    {},
    '--can-release: users@abc: expected a full 40-character hex commit SHA; use `git rev-parse <ref>`',
  ],
  [
    'can-release of an undeclared component',
    knownGood as Executor,
    { canRelease: `ghost@${sha('1')}` },
    {},
    '--can-release: unknown component "ghost" (declared: auth, billing, users)',
  ],
  ['a diff that is no range', knownGood as Executor, { diff: 'latest' }, {}, '--diff: expected A..B (e.g. latest~1..latest), got "latest"'],
  [
    'a diff of a record that does not exist',
    knownGood as Executor,
    { diff: 'latest~9..latest' },
    {},
    '--diff: "latest~9" is neither a manifest file nor a known-good record (use latest, latest~N or a manifest-hash prefix of 7+ hex)',
  ],
  ['prune without --keep', knownGood as Executor, { prune: true }, {}, '--prune: expected --keep=<number of newest records to keep>'],
  [
    'two actions at once',
    knownGood as Executor,
    { verify: true, latest: true },
    {},
    '--verify and --latest: one action per run; pass one of --verify, --latest, --diff, --badge, --prune, --can-release',
  ],
  [
    'verify against a head that is not the last line',
    knownGood as Executor,
    { verify: true, head: 'f'.repeat(64) },
    {},
    /^integration\/known-good\.jsonl: .*head/,
  ],
  [
    'latest of a suite with no record',
    knownGood as Executor,
    { latest: true, suite: 'nightly' },
    {},
    'integration/known-good.jsonl: no known-good record for suite "nightly" yet; a passing `nx run integration:full` records one',
  ],
  // materialize, verify, lint-subsets
  ['materialize --sha without a component', materialize as Executor, { sha: sha('1') }, {}, '--sha: expected --component=<name> with it'],
  [
    'materialize of an undeclared component',
    materialize as Executor,
    { component: 'ghost' },
    {},
    '--component: unknown component "ghost" (declared: auth, billing, users)',
  ],
  [
    'verify of an undeclared component',
    verify as Executor,
    { component: 'ghost' },
    {},
    '--component: unknown component "ghost" (declared: auth, billing, users)',
  ],
  [
    'verify of a component with no test command',
    verify as Executor,
    { component: 'users' },
    {},
    'components/users/component.yaml: field "test": is not set; add the component\'s own test command, e.g. test: [npm, test]',
  ],
  [
    'lint-subsets with a folder outside the workspace',
    lintSubsets as Executor,
    { allowedDirs: '../elsewhere' },
    {},
    '--allowedDirs: expected folders relative to the workspace root, such as seams, got "../elsewhere"',
  ],
  [
    'lint-subsets with a date that is not one',
    lintSubsets as Executor,
    { today: '2026-02-30' },
    {},
    '--today: expected a date as YYYY-MM-DD, got "2026-02-30"',
  ],
  // the workspace's own files
  ['an empty seamline.yaml', full as Executor, {}, { 'integration/seamline.yaml': '' }, 'integration/seamline.yaml: is empty; expected a YAML mapping'],
  [
    'seamline.yaml that is a YAML alias bomb',
    full as Executor,
    {},
    {
      'integration/seamline.yaml': `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`,
    },
    'integration/seamline.yaml: YAML aliases expand to more than 100 nodes; expected a plain document without alias chains',
  ],
  [
    'a component repo that starts with -',
    full as Executor,
    {},
    { 'components/auth/component.yaml': 'repo: -oProxyCommand=evil@host:x\n' },
    'components/auth/component.yaml: field "repo": expected a git URL (https://, ssh://, file:// or git@host:owner/repo.git), got "-oProxyCommand=evil@host:x"',
  ],
  [
    'a component repo that is no URL',
    full as Executor,
    {},
    { 'components/auth/component.yaml': 'repo: acme/auth\n' },
    'components/auth/component.yaml: field "repo": expected a git URL (https://, ssh://, file:// or git@host:owner/repo.git), got "acme/auth"',
  ],
  [
    'a seam named like a component',
    full as Executor,
    {},
    { 'seams/users/seam.yaml': 'components: [users, auth]\nring: 1\ncatches: x\n' },
    'seams/users/seam.yaml: seam "users" has the same name as a component; Nx project names must be unique, rename the seam folder',
  ],
  [
    'a component.yaml that is a list',
    full as Executor,
    {},
    { 'components/auth/component.yaml': '- repo\n' },
    'components/auth/component.yaml: expected a mapping, got a list',
  ],
];

describe('every bad input is one clear line, before any state changes', () => {
  let root: string;
  let errors: string[];
  beforeEach(() => {
    errors = [];
    jest.spyOn(logger, 'error').mockImplementation((...m: unknown[]) => void errors.push(String(m[0])));
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it.each(CASES)('%s', async (_what, executor, options, files, expected) => {
    root = await fixtureWorkspace({ ...FIXTURE_FILES, 'integration/known-good.jsonl': `${RECORD}\n`, ...files });
    const storeBefore = await readFile(join(root, 'integration/known-good.jsonl'), 'utf8');
    const result = await executor(options as never, executorContext(root));
    expect(result.success).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).not.toContain('\n');
    expect(errors[0]).not.toContain('unexpected error');
    if (typeof expected === 'string') expect(errors[0]).toBe(expected);
    else expect(errors[0]).toMatch(expected);
    expect(existsSync(join(root, '.seamline/runs'))).toBe(false);
    expect(existsSync(join(root, '.seamline/cache'))).toBe(false);
    expect(await readFile(join(root, 'integration/known-good.jsonl'), 'utf8')).toBe(storeBefore);
    expect((await readdir(join(root, 'integration'))).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });
});
