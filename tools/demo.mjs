#!/usr/bin/env node
// The Seamline demo (`npm run demo`): three real component repositories with
// history, an integration workspace where @seamline/nx is installed from its
// packed tarball as a user installs it, and the story of a renamed field told
// through the real `nx` CLI: a PR that passes, a provider PR that breaks a
// consumer, the changeset that lands it, the merge, a bad merge bisected to its
// commit, and the known-good badge. Every step checks its verdict; an
// unexpected one prints the whole output of its command and exits 1.
//
// It needs nothing run before it: without node_modules it runs `npm ci` first.
// Only node:* modules are imported here for that reason (no execa).
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComponentRepo } from './demo/repos.mjs';
import { billing, billingSchemaSeam, people, schema, users, usersSchemaSpec } from './demo/sources.mjs';
import { run, userEnv } from './lib/spawn.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = join(tmpdir(), 'seamline-demo');
const WS = join(DEMO, 'workspace');
const NX_VERSION = '23.2.1';
// Its checkouts beside the workspace, not in the user's cache folder: removed with the demo's folder.
const env = userEnv({ SEAMLINE_CHECKOUTS_DIR: join(DEMO, 'checkouts') });
const started = Date.now();

// --- output --------------------------------------------------------------------
const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (s) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = paint('1');
const dim = paint('2');
const green = paint('32');
const red = paint('31');
const say = (line = '') => console.log(line);
const heading = (title) => say(`\n${bold(title)}`);
const command = (line) => say(`${dim('$')} ${line}`);
const indent = (lines) => lines.forEach((l) => say(`    ${l}`));
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const shortSha = (sha) => sha.slice(0, 12);
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function die(message, output) {
  if (output !== undefined) {
    say(red('--- full output ---'));
    say(output.trimEnd());
    say(red('-------------------'));
  }
  console.error(red(`✗ demo: ${message}`));
  process.exit(1);
}

// The lines worth reading in what nx prints; the rest is Nx's own chatter.
const KEY =
  /\b(passed|failed)[:;]|Recorded known good|Seams to run|No seam of the subset|^Bisect |^bisect|probe \d+:|commit\(s\) [0-9a-f]|Failure report|Wrote badge|latest full|^\s+(schema|users|billing)\s+[0-9a-f]{40}$|is at [0-9a-f]{12}|added successfully|can(not)? be released/;
// What a failing seam said: the consumer's own error (shown once per command).
const SEAM_ERROR = /has no (token|email) \(schema fields/;

function keyLines(output, show) {
  const kept = [];
  let bisecting = false;
  let errorShown = false;
  for (const raw of output.split('\n')) {
    const line = raw.trimEnd().replace(/^\s*NX\s+/, '');
    if (/^Bisect /.test(line)) bisecting = true;
    if (SEAM_ERROR.test(line) && !/throw new Error/.test(line)) {
      if (!errorShown && !bisecting) kept.push(`  ${line.trim()}`);
      errorShown = true;
      continue;
    }
    // Each bisect probe is a run of its own; its probe line says all of it.
    if (bisecting && /^Run bisect-|Seams to run/.test(line)) continue;
    if (show.test(line) && !kept.includes(line)) kept.push(line);
  }
  return kept;
}

/** How a shell would need an argument typed (for the printed command only; nothing runs through a shell). */
const shellWord = (arg) => (/^[\w@%+=:,./#-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/**
 * One `nx` command in the integration workspace: print it, print its key lines,
 * check its verdict (exit code and the lines it must print).
 */
async function nx(args, { fails = false, expect = [], verdict, show = KEY }) {
  command(`nx ${args.map(shellWord).join(' ')}`);
  const t0 = Date.now();
  const result = await run(join(WS, 'node_modules/.bin/nx'), args, { cwd: WS, env });
  // eslint-disable-next-line no-control-regex -- strips ANSI colour codes, ESC (\x1b) is the point
  const output = result.all.replace(/\x1b\[[0-9;]*m/g, '');
  indent(keyLines(output, show));
  const exitOk = fails ? result.code !== 0 : result.code === 0;
  const missing = expect.filter((e) => (e instanceof RegExp ? !e.test(output) : !output.includes(e)));
  if (!exitOk || missing.length) {
    const why = [!exitOk && `exit code ${result.code}, expected ${fails ? 'non-zero' : '0'}`, ...missing.map((m) => `missing from the output: ${m}`)].filter(
      Boolean,
    );
    die(`nx ${args.join(' ')}: unexpected verdict (${why.join('; ')})`, output);
  }
  say(`${green('✓')} ${verdict} ${dim(`(${seconds(Date.now() - t0)})`)}`);
  return output;
}

/** A setup command (npm, the repository's own nx): quiet unless it fails. */
async function setup(display, cmd, args, cwd, pick = () => []) {
  command(display);
  const t0 = Date.now();
  const result = await run(cmd, args, { cwd, env });
  if (result.code !== 0) die(`${display} exited ${result.code}`, result.all);
  indent(pick(result));
  say(dim(`    (${seconds(Date.now() - t0)})`));
  return result;
}

process.on('uncaughtException', (error) => die(error.message));
process.on('unhandledRejection', (error) => die(error instanceof Error ? error.message : String(error)));

// --- 1. bootstrap: the repository's dependencies, the plugin built and packed ----
heading('Setup: build @seamline/nx and pack it as the registry would ship it');
// Every run starts clean; the folder is removed only if an earlier demo made it.
const MARKER = join(DEMO, '.seamline-demo');
if (existsSync(DEMO) && !existsSync(MARKER) && (await readdir(DEMO)).length) die(`${DEMO} exists and was not made by this demo; move it away first`);
await rm(DEMO, { recursive: true, force: true });
await mkdir(DEMO, { recursive: true });
await writeFile(MARKER, 'made by `npm run demo` of @seamline/nx; removed by its next run\n');
if (!existsSync(join(repoRoot, 'node_modules/.bin/nx'))) {
  await setup('npm ci', 'npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], repoRoot, (r) => r.stdout.split('\n').filter((l) => /^added /.test(l)));
}
await setup('npx nx build seamline', join(repoRoot, 'node_modules/.bin/nx'), ['build', 'seamline', '--outputStyle=static'], repoRoot);
const packed = await setup(
  `npm pack dist/packages/seamline --pack-destination ${DEMO}`,
  'npm',
  ['pack', join(repoRoot, 'dist/packages/seamline'), '--pack-destination', DEMO, '--json', '--loglevel=error'],
  repoRoot,
);
// npm 11 prints a list of packed packages, npm 12 an object keyed by package name.
const packedJson = JSON.parse(packed.stdout);
const tarball = (Array.isArray(packedJson) ? packedJson : Object.values(packedJson))[0]?.filename;
if (!tarball || !existsSync(join(DEMO, tarball))) die(`npm pack wrote no tarball to ${DEMO}`, packed.all);
say(`    ${join(DEMO, tarball)}`);

// --- 2. three component repositories with real history --------------------------
heading('Three component repositories with history (bare, served as file:// URLs)');
const repo = {
  schema: await new ComponentRepo(DEMO, 'schema').create(),
  users: await new ComponentRepo(DEMO, 'users').create(),
  billing: await new ComponentRepo(DEMO, 'billing').create(),
};
const { ada, bo, priya, sam } = people;
const initial = {
  schema: await repo.schema.onMain([
    [
      ada,
      'Create @acme/schema: the user record every service shares',
      { 'package.json': schema.packageJson('1.0.0'), 'index.js': schema.index(['id', 'name', 'token']), 'README.md': schema.readme() },
    ],
    [bo, 'Add email to the user record', { 'package.json': schema.packageJson('1.1.0'), 'index.js': schema.index(['id', 'name', 'token', 'email']) }],
    [ada, 'List the fields in the README', { 'README.md': schema.readme('\nFields: id, name, token, email.\n') }],
  ]),
  users: await repo.users.onMain([
    [sam, 'Create @acme/users: sign requests with the user token', { 'package.json': users.packageJson('^1.0.0'), 'index.js': users.index('token') }],
    [sam, 'Add a README', { 'README.md': users.readme() }],
  ]),
  billing: await repo.billing.onMain([
    [priya, 'Create @acme/billing: invoice users by email', { 'package.json': billing.packageJson('^1.1.0'), 'index.js': billing.index() }],
    [priya, 'Add a README', { 'README.md': '# @acme/billing\n\nInvoices every user by email.\n' }],
  ]),
};
for (const [name, shas] of Object.entries(initial)) say(`    ${name.padEnd(8)} ${shas.length} commits, main ${shortSha(shas.at(-1))}  ${repo[name].url}`);

// --- 3. the integration workspace, as a user sets it up ----------------------------
heading(`The integration workspace, set up as a user would: ${WS}`);
await mkdir(WS, { recursive: true });
await writeFile(join(WS, 'package.json'), `${JSON.stringify({ name: 'acme-integration', private: true, devDependencies: { nx: NX_VERSION } }, null, 2)}\n`);
await writeFile(join(WS, 'nx.json'), `${JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json' }, null, 2)}\n`);
await setup(`npm install            ${dim(`# package.json: nx ${NX_VERSION}`)}`, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], WS, (r) =>
  r.stdout.split('\n').filter((l) => /^added /.test(l)),
);
await nx(['add', `@seamline/nx@file:../${tarball}`], {
  expect: ['Package @seamline/nx added successfully'],
  verdict: 'plugin registered in nx.json; integration/seamline.yaml written',
});
for (const [name, extra] of [
  ['schema', ['--npm=@acme/schema']],
  ['users', ['--dependsOn=schema', '--npm=@acme/users']],
  ['billing', ['--dependsOn=schema', '--npm=@acme/billing']],
]) {
  await nx(['g', '@seamline/nx:component', name, `--repo=${repo[name].url}`, ...extra, '--no-interactive'], {
    expect: [`${name}: main of ${repo[name].url} is at ${shortSha(initial[name].at(-1))}`],
    verdict: `components/${name}/component.yaml`,
  });
}
// The subsets come from the generated seamline.yaml; the demo turns on the npm
// renderer (pinned @acme/* packages for require and import) and automatic bisect.
const configPath = join(WS, 'integration/seamline.yaml');
const generated = await readFile(configPath, 'utf8');
if (!generated.includes('renderers: [env]\n')) die('integration/seamline.yaml: expected the generated "renderers: [env]" line', generated);
await writeFile(
  configPath,
  generated.replace('renderers: [env]\n', 'renderers: [env, npm]\nbisect: auto\n').replace('budget: 10m', 'budget: 5m').replace('budget: 1h', 'budget: 15m'),
);
say(`    edited integration/seamline.yaml: renderers: [env, npm], bisect: auto`);
await nx(
  [
    'g',
    '@seamline/nx:seam-test',
    'users-schema',
    '--components=users,schema',
    '--subset=pr_fast',
    '--catches=users signs requests with the token field of the schema user record; renaming it breaks every request',
    '--no-interactive',
  ],
  { expect: ['CREATE seams/users-schema/seam.yaml'], verdict: 'jest seam seams/users-schema, listed in pr_fast', show: /^CREATE|^UPDATE/ },
);
await writeFile(join(WS, 'seams/users-schema/users-schema.spec.ts'), usersSchemaSpec);
say('    wrote the contract check into seams/users-schema/users-schema.spec.ts');
for (const [path, text] of Object.entries(billingSchemaSeam)) {
  await mkdir(dirname(join(WS, path)), { recursive: true });
  await writeFile(join(WS, path), text);
}
const withUsers = await readFile(configPath, 'utf8');
if (!withUsers.includes('seams: [users-schema]')) die('integration/seamline.yaml: the seam-test generator did not list users-schema in pr_fast', withUsers);
await writeFile(configPath, withUsers.replace('seams: [users-schema]', 'seams: [users-schema, billing-schema]'));
say('    wrote the command seam seams/billing-schema (seam.yaml: command: [node, check.js]), listed in pr_fast');
indent([
  ...(await readFile(configPath, 'utf8'))
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && !/description:/.test(l))
    .map((l) => dim(l)),
]);
await nx(['show', 'projects'], {
  expect: ['integration', 'schema', 'users', 'billing', 'users-schema', 'billing-schema'],
  verdict: 'six Nx projects: integration, three components, two seams',
  show: /^\S+$/,
});

// --- 4. the story --------------------------------------------------------------------
const runDirOf = (output) => /artifacts in (\.seamline\/runs\/[\w-]+)/.exec(output)?.[1];

heading('0. a starting known good: the full suite on the initial mains');
await nx(['run', 'integration:full'], {
  expect: [/full passed: /, 'Recorded known good: integration/known-good.jsonl line 1'],
  verdict: 'full passed; the tuple is recorded as known good',
});

heading('a. a consumer PR: users#7 (its head with the last known good of the rest)');
const usersPr7 = await repo.users.openPr(7, 'display-name', sam, 'Add displayName for the account menu', {
  'index.js': users.index('token', { displayName: true }),
});
await nx(['run', 'integration:pr-fast', '--component=users', `--sha=${usersPr7}`, '--pr=7'], {
  expect: ['Seams to run (1): users-schema', /pr-fast passed: /],
  verdict: 'pr-fast passed: users#7 can merge',
});

heading('b. a provider PR: schema#12 renames token -> accessToken');
const schemaPr12 = await repo.schema.openPr(12, 'rename-token', ada, 'Rename token to accessToken', {
  'package.json': schema.packageJson('2.0.0'),
  'index.js': schema.index(['id', 'name', 'accessToken', 'email']),
});
const b = await nx(['run', 'integration:pr-fast', '--component=schema', `--sha=${schemaPr12}`, '--pr=12'], {
  fails: true,
  expect: ['Seams to run (2): billing-schema, users-schema', 'pr-fast failed: failed seam: users-schema'],
  verdict: 'pr-fast failed, naming the seam users-schema: schema#12 alone would break users',
});
const bLog = join(WS, runDirOf(b) ?? '.', 'logs/users-schema.log');
if (!existsSync(bLog) || !(await readFile(bLog, 'utf8')).includes('users: user u-1001 has no token'))
  die(`${relative(WS, bLog)}: expected the consumer's error "users: user u-1001 has no token"`, b);
say(dim(`    the seam's log: ${relative(WS, bLog)}`));

heading('c. the changeset rename-token: schema#12 + users#8 + billing#3, tested as one unit');
const usersPr8 = await repo.users.openPr(8, 'access-token', sam, 'Sign requests with accessToken (@acme/schema 2)', {
  'package.json': users.packageJson('^2.0.0'),
  'index.js': users.index('accessToken'),
});
const billingPr3 = await repo.billing.openPr(3, 'schema-2', priya, 'Depend on @acme/schema 2', { 'package.json': billing.packageJson('^2.0.0') });
say(dim(`    opened users#8 ${shortSha(usersPr8)} and billing#3 ${shortSha(billingPr3)} (refs/pull/<n>/head)`));
await nx(['run', 'integration:changeset', '--name=rename-token', '--prs=schema#12,users#8,billing#3'], {
  expect: [
    'Seams to run (2): billing-schema, users-schema',
    /changeset rename-token passed: /,
    `schema@${shortSha(schemaPr12)}`,
    `users@${shortSha(usersPr8)}`,
    `billing@${shortSha(billingPr3)}`,
  ],
  verdict: 'changeset passed: the three PRs land together',
});

heading('d. the merge: main fast-forwards to each PR head; the full suite records a new known good');
const merged = {
  schema: await repo.schema.mergePr('rename-token'),
  users: await repo.users.mergePr('access-token'),
  billing: await repo.billing.mergePr('schema-2'),
};
if (merged.schema !== schemaPr12 || merged.users !== usersPr8 || merged.billing !== billingPr3) die('a merge did not fast-forward main to the PR head');
say(dim(`    main: schema@${shortSha(merged.schema)} users@${shortSha(merged.users)} billing@${shortSha(merged.billing)}`));
await nx(['run', 'integration:full'], {
  expect: [/full passed: /, 'Recorded known good: integration/known-good.jsonl line 2'],
  verdict: 'full passed on the merged mains; recorded as known good',
});

heading('e. a later bad merge: five commits on schema main, three on the consumers');
const culpritSubject = 'Drop email from the user record: contact details move to @acme/contacts';
const train = await repo.schema.onMain([
  [bo, 'Add createdAt to the user record', { 'index.js': schema.index(['id', 'name', 'accessToken', 'email', 'createdAt']) }],
  [
    ada,
    'Explain accessToken rotation in the README',
    { 'README.md': schema.readme('\nFields: id, name, accessToken, email, createdAt. accessToken rotates every 24h.\n') },
  ],
  [priya, culpritSubject, { 'index.js': schema.index(['id', 'name', 'accessToken', 'createdAt']) }],
  [bo, 'Add locale to the user record', { 'index.js': schema.index(['id', 'name', 'accessToken', 'createdAt', 'locale']) }],
  [ada, 'Release 2.1.0', { 'package.json': schema.packageJson('2.1.0') }],
]);
const culprit = train[2];
await repo.users.onMain([
  [sam, 'Document the Authorization header', { 'README.md': users.readme('\nHeader: `Authorization: Bearer <accessToken>`.\n') }],
  [sam, 'Depend on @acme/schema ^2.1.0', { 'package.json': users.packageJson('^2.1.0') }],
]);
await repo.billing.onMain([[priya, 'Round invoice totals to whole cents', { 'index.js': billing.index({ cents: true }) }]]);
say(dim(`    the breaking commit: schema ${shortSha(culprit)} "${culpritSubject}"`));
const e = await nx(['run', 'integration:full'], {
  fails: true,
  expect: [
    'full failed: failed seam: billing-schema',
    new RegExp(`bisect: culprit: schema ${culprit} ${escape(`"${culpritSubject}" by ${priya.name}`)}( ${escape(`<${priya.email}>`)})? \\(`),
    /Failure report: \.seamline\/runs\/[\w-]+\/failure-report\.md/,
  ],
  verdict: `full failed and bisected itself to schema ${shortSha(culprit)} by ${priya.name}; failure report written`,
});
const failedRun = runDirOf(e);
const report = /Failure report: (\S+)/.exec(e)?.[1];
if (!failedRun || !existsSync(join(WS, report))) die(`the failure report ${report} is not in the workspace`, e);
const reportText = await readFile(join(WS, report), 'utf8');
if (!reportText.includes(culprit)) die(`${report}: expected the bisect verdict naming ${culprit}`, reportText);

heading('f. the known-good store: a badge and the latest known good');
const badgeFile = '.seamline/known-good-badge.json';
await nx(['run', 'integration:known-good', `--badge=${badgeFile}`], {
  expect: [`Wrote badge ${badgeFile}`],
  verdict: 'shields.io endpoint JSON for the README badge',
});
const badge = JSON.parse(await readFile(join(WS, badgeFile), 'utf8'));
if (badge.color !== 'brightgreen') die(`${badgeFile}: expected a green badge`, JSON.stringify(badge));
say(dim(`    ${JSON.stringify(badge)}`));
await nx(['run', 'integration:known-good', '--latest'], {
  expect: ['latest full: ', ...Object.entries(merged).map(([name, sha]) => new RegExp(`^\\s+${name}\\s+${sha}$`, 'm'))],
  verdict: 'the latest known good is still the merged tuple of step d: the bad merge was not recorded',
});

// --- 5. where things are -----------------------------------------------------------------
const runs = (await readdir(join(WS, '.seamline/runs'))).filter((d) => existsSync(join(WS, '.seamline/runs', d, 'manifest.yaml')));
say(
  `\n${bold('Done')} in ${seconds(Date.now() - started)}. ${runs.length} runs (bisect probes included) left their artifacts (manifest, overrides, logs, results.json, junit.xml, summary.md) in`,
);
say(`    ${join(WS, '.seamline/runs')}`);
say('Explore:');
indent([
  `cd ${WS}`,
  'npx nx graph                                   # components, seams and how they couple',
  'npx nx run integration:known-good --latest',
  `npx nx run integration:reproduce --manifest=${failedRun}/manifest.yaml`,
  `npx nx run integration:bisect --bad=${failedRun.split('/').pop()}`,
  `cat ${report}`,
]);
