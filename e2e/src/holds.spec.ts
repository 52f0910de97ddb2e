import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createE2eWorkspace, type E2eWorkspace } from './e2e-workspace';
import { createHistoryRepos, type HistoryRepos, historyWorkspaceFiles } from './fixtures/history-repos';

/** `--reason='it'\''s'` -> `it's`: the word a shell would pass. */
const unquote = (word: string) => (word.startsWith("'") ? word.slice(1, -1).replace(/'\\''/g, "'") : word);

/**
 * Holds through the real `nx` CLI, on the histories bisect.spec uses: after bisect
 * names the provider commit that broke a consumer, the hold the report suggests
 * (written with the hold executor, from the values the report printed) lets the
 * next `full` pass and record a tuple in which every other component advanced.
 */
describe('holds', () => {
  let ws: E2eWorkspace;
  let repos: HistoryRepos;
  const runDirOf = (output: string) => /artifacts in (\.seamline\/runs\/[\w-]+)/.exec(output)?.[1] ?? '';
  const storeLines = async () => (await readFile(join(ws.root, 'integration/known-good.jsonl'), 'utf8')).trim().split('\n');

  beforeAll(async () => {
    [ws, repos] = await Promise.all([createE2eWorkspace(), createHistoryRepos()]);
    await ws.write({ ...historyWorkspaceFiles(repos, { bisect: 'auto' }), 'nx.json': JSON.stringify({ plugins: ['@seamline/nx'] }) });
    const first = [`--main=schema@${repos.schema.shas[0]}`, `--main=users@${repos.users.shas[0]}`, `--main=billing@${repos.billing.shas[0]}`];
    const good = await ws.nx(['run', 'integration:full', ...first]);
    expect(good.all).toContain('Recorded known good');
  });
  afterAll(async () => {
    await ws?.remove();
    await repos?.remove();
  });

  let expires = '';
  it('the suggested hold, written with the hold executor, lets the next full pass with every other component advanced', async () => {
    const failed = await ws.nx(['run', 'integration:full']);
    expect(failed.exitCode).not.toBe(0);
    expect(failed.all).toContain(`bisect: culprit: schema ${repos.breaking}`);
    const command = /nx run integration:hold (--component=\S+) (--sha=\S+) --reason=('(?:[^']|'\\'')*'|\S+) (--expires=\S+)/.exec(failed.all);
    expect(command).not.toBeNull();
    const [, component, sha, reason, expiresOption] = command!;
    // The commit before the culprit on schema's first-parent line.
    expect([component, sha]).toEqual(['--component=schema', `--sha=${repos.schema.shas[repos.schema.shas.indexOf(repos.breaking) - 1]}`]);
    expect(unquote(reason)).toBe(`culprit schema ${repos.breaking} "rename token to accessToken" breaks users-schema`);
    expires = expiresOption.slice('--expires='.length);
    const failedRun = runDirOf(failed.all);
    expect(await readFile(join(ws.root, failedRun, 'summary.md'), 'utf8')).toContain(command![0]);
    const report = await readFile(join(ws.root, failedRun, 'failure-report.md'), 'utf8');
    expect(report).toContain('### Hold the culprit');
    expect(report).toContain(command![0]);

    // Work lands on the other mains after the break.
    const usersHead = await repos.users.commit({ 'CHANGELOG.md': 'users after the break\n' }, 'users: after the break');
    const billingHead = await repos.billing.commit({ 'CHANGELOG.md': 'billing after the break\n' }, 'billing: after the break');

    // A reason of digits (a culprit's short SHA) reaches Nx's parser as a number and must stay text.
    const digits = await ws.nx(['run', 'integration:hold', component, sha, '--reason=1234567', expiresOption]);
    expect(digits.exitCode).toBe(0);
    expect(digits.all).toContain(`hold: schema held at ${sha.slice(6, 18)} until ${expires}: 1234567, written to integration/seamline.yaml`);
    expect(await readFile(join(ws.root, 'integration/seamline.yaml'), 'utf8')).toContain(`    reason: "1234567"\n`);

    const held = await ws.nx(['run', 'integration:hold', component, sha, `--reason=${unquote(reason)}`, expiresOption]);
    expect(held.exitCode).toBe(0);
    expect(held.all).toContain(`hold: schema held at ${sha.slice(6, 18)} until ${expires}`);
    expect(held.all).toContain(`(replaces schema held at ${sha.slice(6, 18)} until ${expires}: 1234567)`);
    expect(await readFile(join(ws.root, 'integration/seamline.yaml'), 'utf8')).toContain(`hold:\n  - component: schema\n    sha: ${sha.slice(6)}\n`);

    const passed = await ws.nx(['run', 'integration:full']);
    expect(passed.exitCode).toBe(0);
    expect(passed.all).toContain(
      `hold: schema pinned at ${sha.slice(6, 18)} instead of its main ${repos.schema.shas.at(-1)!.slice(0, 12)} until ${expires}: ${unquote(reason)}`,
    );
    expect(passed.all).toContain('Recorded known good');
    const record = JSON.parse((await storeLines()).at(-1)!);
    expect(record.tuple).toEqual({ billing: billingHead, schema: sha.slice(6), users: usersHead });
    expect(record.holds).toEqual([{ component: 'schema', sha: sha.slice(6), reason: unquote(reason), expires }]);
    expect(await readFile(join(ws.root, runDirOf(passed.all), 'summary.md'), 'utf8')).toContain(`| schema | \`${sha.slice(6, 18)}\` | held until ${expires}`);

    const latest = await ws.nx(['run', 'integration:known-good', '--latest']);
    expect(latest.all).toContain(`schema   ${sha.slice(6)}  HELD until ${expires}: ${unquote(reason)}`);
    // The first record, made before any hold, still chains with the new one.
    const verify = await ws.nx(['run', 'integration:known-good', '--verify']);
    expect(verify.exitCode).toBe(0);
    expect(verify.all).toContain('2 record(s), chain intact');
  });

  it('pr-fast of the held component still tests its PR head', async () => {
    const head = repos.schema.shas.at(-1)!;
    const pr = await ws.nx(['run', 'integration:pr-fast', '--component=schema', `--sha=${head}`]);
    expect(pr.exitCode).not.toBe(0);
    const manifest = await readFile(join(ws.root, runDirOf(pr.all), 'manifest.yaml'), 'utf8');
    expect(manifest).toContain(`component_under_test: { name: schema, repo: ${repos.schema.url}, sha: ${head} }`);
    expect(manifest).not.toContain('hold');
  });

  it('an expired hold fails lint-subsets in one line', async () => {
    expect((await ws.nx(['run', 'integration:lint-subsets', `--today=${expires}`])).exitCode).toBe(0);
    const after = new Date(Date.parse(`${expires}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const lint = await ws.nx(['run', 'integration:lint-subsets', `--today=${after}`]);
    expect(lint.exitCode).not.toBe(0);
    expect(lint.all).toContain(
      `integration/seamline.yaml: field "hold[0].expires": ${expires} is in the past (today is ${after}), so schema is no longer held; remove the entry (nx run integration:hold --component=schema --release) once it is fixed, or give a new date`,
    );
  });
});
