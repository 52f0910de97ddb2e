import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURE_FILES, fixtureRun } from '../../packages/seamline/src/__fixtures__/workspace';
import { createE2eWorkspace, type E2eWorkspace } from './e2e-workspace';

/** The known-good flow through the real `nx` CLI, with the packed plugin installed. */
const sha = (c: string) => c.repeat(40);
const INTEGRATION_PROJECT = JSON.stringify({
  name: 'integration',
  targets: {
    manifest: { executor: '@seamline/nx:manifest' },
    'record-known-good': { executor: '@seamline/nx:record-known-good' },
    'known-good': { executor: '@seamline/nx:known-good' },
  },
});

describe('known good through nx', () => {
  let ws: E2eWorkspace;
  beforeAll(async () => {
    ws = await createE2eWorkspace();
    await ws.write({ ...FIXTURE_FILES, 'integration/project.json': INTEGRATION_PROJECT });
  });
  afterAll(() => ws?.remove());

  it('builds a full manifest, records it, and answers latest, verify and can-release', async () => {
    const full = await ws.nx([
      'run',
      'integration:manifest',
      '--kind=full',
      `--main=auth@${sha('a')},users@${sha('b')},billing@${sha('c')}`,
      '--out=.seamline/full.yaml',
    ]);
    expect(full.all).toMatch(/Wrote full manifest \.seamline\/full\.yaml \(manifest hash [0-9a-f]{12}, subset full\)/);
    expect(full.exitCode).toBe(0);

    // A failing run of that manifest is refused in one line, and nothing is written.
    await fixtureRun(ws.root, '.seamline/full.yaml', 'full-failed', { verdict: 'fail', reason: 'failed seam: users-auth-contract' });
    const refused = await ws.nx(['run', 'integration:record-known-good', '--manifest=full-failed']);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.all).toContain(
      '.seamline/runs/full-failed/results.json: verdict fail (failed seam: users-auth-contract); only a passing run is recorded as known good; nothing was written',
    );
    await expect(readFile(join(ws.root, 'integration/known-good.jsonl'))).rejects.toMatchObject({ code: 'ENOENT' });
    const claim = await ws.nx(['run', 'integration:record-known-good', '--manifest=full-failed', '--verdict=pass']);
    expect(claim.exitCode).not.toBe(0);

    await fixtureRun(ws.root, '.seamline/full.yaml', 'full-passed');
    const record = await ws.nx(['run', 'integration:record-known-good', '--manifest=full-passed']);
    expect(record.all).toMatch(/Recorded known good: integration\/known-good\.jsonl line 1 \(suite full, manifest [0-9a-f]{12}, head [0-9a-f]{16}\)/);
    expect(record.exitCode).toBe(0);

    const latest = await ws.nx(['run', 'integration:known-good', '--latest']);
    expect(latest.exitCode).toBe(0);
    expect(latest.all).toContain(`auth     ${sha('a')}`);
    expect(latest.all).toMatch(/latest full: .*, 742s/);

    const can = await ws.nx(['run', 'integration:known-good', `--can-release=auth@${sha('a')}`]);
    expect(can.exitCode).toBe(0);
    expect(can.all).toContain('auth@aaaaaaaaaaaa can be released');
    const cannot = await ws.nx(['run', 'integration:known-good', `--can-release=auth@${sha('e')}`]);
    expect(cannot.exitCode).not.toBe(0);
    expect(cannot.all).toContain('auth@eeeeeeeeeeee cannot be released: it is not part of any tuple that passed the full suite');

    const pr = await ws.nx(['run', 'integration:manifest', '--kind=pr', '--component=users', `--sha=${sha('f')}`, '--pr=17', '--out=.seamline/pr.yaml']);
    expect(pr.exitCode).toBe(0);
    const text = await readFile(join(ws.root, '.seamline/pr.yaml'), 'utf8');
    expect(text).toContain(`component_under_test: { name: users, repo: https://github.com/acme/users.git, sha: ${sha('f')}, pr: 17 }`);
    expect(text).toContain(`- { name: auth, repo: https://github.com/acme/auth.git, sha: ${sha('a')}, from: known-good }`);

    const verify = await ws.nx(['run', 'integration:known-good', '--verify']);
    expect(verify.exitCode).toBe(0);
    expect(verify.all).toMatch(/integration\/known-good\.jsonl: 1 record\(s\), chain intact, head [0-9a-f]{16}, git history not checked/);
    const head = /head ([0-9a-f]{16})\)/.exec(record.all)![1];
    expect(verify.all).toContain(`head ${head}`);
    const anchored = await ws.nx(['run', 'integration:known-good', '--verify', `--head=${head.slice(0, 12)}`]);
    expect(anchored.exitCode).toBe(0);
    // Nx parses hex made only of digits as a number (one with a leading 0 once the schema allows
    // a number); the executor still gets the text typed.
    for (const digits of ['123456789012', '012345678901']) {
      const typed = await ws.nx(['run', 'integration:known-good', '--verify', `--head=${digits}`]);
      expect(typed.exitCode).not.toBe(0);
      expect(typed.all).toContain(`no line of the store hashes to the anchored head ${digits}`);
      expect(typed.all).not.toContain('does not match the schema');
    }
    const short = await ws.nx(['run', 'integration:manifest', '--kind=pr', '--component=users', '--sha=1234567', '--out=.seamline/short.yaml']);
    expect(short.exitCode).not.toBe(0);
    expect(short.all).toContain('"1234567"');
    expect(short.all).not.toContain('does not match the schema');
    // A changeset named by its ticket number, as a label changeset:4512 names it.
    const ticket = await ws.nx([
      'run',
      'integration:manifest',
      '--kind=changeset',
      '--changeset=4512',
      `--under-test=users@${sha('f')}#5`,
      '--out=.seamline/cs.yaml',
    ]);
    expect(ticket.exitCode).toBe(0);
    expect(await readFile(join(ws.root, '.seamline/cs.yaml'), 'utf8')).toContain('changeset: "4512"');

    const printed = await ws.nx(['run', 'integration:known-good', '--badge']);
    expect(printed.exitCode).toBe(0);
    expect(printed.all).toContain(`"message":"${new Date().toISOString().slice(0, 10)} · head ${head}"`);
    const written = await ws.nx(['run', 'integration:known-good', '--badge=public/badge.json']);
    expect(written.all).toContain('Wrote badge public/badge.json');
  });

  it('reports tampered history and a broken config as one line, without a stack trace', async () => {
    const store = join(ws.root, 'integration/known-good.jsonl');
    const original = await readFile(store, 'utf8');
    await ws.nx(['run', 'integration:record-known-good', '--manifest=full-passed']);
    const two = await readFile(store, 'utf8');
    await writeFile(store, two.replace('"duration_s":742', '"duration_s":1'));
    const tampered = await ws.nx(['run', 'integration:known-good', '--verify']);
    expect(tampered.exitCode).not.toBe(0);
    expect(tampered.all).toContain(
      'integration/known-good.jsonl:2: chain broken at line 2: its prev is not the hash of line 1, so line 1 was edited or records between them were deleted; restore it from git',
    );
    await writeFile(store, original);

    const config = join(ws.root, 'components/auth/component.yaml');
    const good = await readFile(config, 'utf8');
    await writeFile(config, 'repo: acme/auth\n');
    const broken = await ws.nx(['run', 'integration:known-good', '--latest']);
    await writeFile(config, good);
    expect(broken.exitCode).not.toBe(0);
    expect(broken.all).toContain(
      'components/auth/component.yaml: field "repo": expected a git URL (https://, ssh://, file:// or git@host:owner/repo.git), got "acme/auth"',
    );
    expect(broken.all).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
  });
});
