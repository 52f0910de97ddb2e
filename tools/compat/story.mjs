// One cell of the matrix: a fresh integration workspace made the way a user
// makes one with that package manager, @seamline/nx added from its packed
// tarball with `nx add`, and the smoke story told through the real `nx` CLI.
import { existsSync } from 'node:fs';
import { appendFile, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ComponentRepo } from '../demo/repos.mjs';
import { people, schema, users, usersSchemaSpec } from '../demo/sources.mjs';
import { exec } from './exec.mjs';
import { askTheRegistryAgainEnv, missingVersion } from './missing-version.mjs';
import { npmErrorsSince } from './npm-logs.mjs';
import { afterInit, packageManager } from './package-managers.mjs';
import { WORKSPACE_SHAPES } from './workspaces.mjs';

/** A step that did not go as the story expects: `line` is the first line worth reading. */
export class StepFailed extends Error {
  constructor(step, line, output = '') {
    super(`${step}: ${line}`);
    this.step = step;
    this.line = line;
    this.output = output;
  }
}

const MINUTE = 60_000;
const RETRY_PAUSE_MS = 15_000;
/** Longer: a registry's stale answer for a package (its CDN, a mirror) lasts minutes rather than seconds. */
const MISSING_VERSION_PAUSE_MS = 60_000;

/** What the registry says now of a range a step found no release for: the reader of CI's line learns whether it was the registry. */
async function registryNowHas({ name, range }, env) {
  const r = await exec('npm', ['view', `${name}@${range}`, 'version', '--json', '--prefer-online'], { cwd: tmpdir(), env, timeoutMs: MINUTE });
  if (r.code !== 0) return ', nor has the registry one now';
  const versions = [JSON.parse(r.stdout || 'null')].flat().filter(Boolean);
  return versions.length ? `, yet the registry has ${versions.at(-1)} now` : ', nor has the registry one now';
}

/** The first line of `output` that reads like an error, else its last non-empty line. */
export function firstErrorLine(output) {
  const lines = output
    .split('\n')
    .map((l) => l.replace(/^\s*(NX|➤)\s+/, '').trim())
    .filter((l) => l && !/^(For more information|Pass --verbose)/.test(l));
  const error = lines.find(
    (l) => /\b(ERR!|ERESOLVE|error|Error|failed|Cannot|cannot|not supported|unsupported|refuses?|EBADENGINE)\b/.test(l) && !/^npm warn/i.test(l),
  );
  return (error ?? lines.at(-1) ?? '(no output)').slice(0, 240);
}

/**
 * Run the smoke story in `cellDir`; resolves with the steps and their times and the
 * steps tried again (`registryFailureLine` read in their output that the registry or the
 * network failed them), or throws StepFailed at the first step that went wrong.
 */
export async function smokeStory({ cell, nxVersion, tarball, cellDir, env, log, registryFailureLine = () => undefined, onStep = () => {} }) {
  const shape = WORKSPACE_SHAPES[cell.pm];
  const ws = join(cellDir, shape?.dir ?? 'integration');
  const pmName = shape?.pm ?? cell.pm;
  const pm = packageManager(pmName);
  const steps = [];
  /** The steps the registry or the network failed once: each is tried again once, and the cell says so. */
  const triedAgain = [];
  if (!shape?.makesItsFolder) await mkdir(ws, { recursive: true });

  async function step(name, [command, args], { timeoutMs = 3 * MINUTE, fails = false, expect = [], refuse = [], cwd = ws, extraEnv = {} } = {}) {
    onStep(name);
    let since = Date.now();
    const stepEnv = { ...env, ...extraEnv };
    let r = await exec(command, args, { cwd, env: stepEnv, log, timeoutMs });
    let npmErrors = r.code === 0 ? [] : await npmErrorsSince(env, since);
    const failedOnce = !fails && !r.timedOut && r.code !== 0;
    // The registry or the network failed it, not the plugin: once more, as a user's prepare does.
    const registry = failedOnce && registryFailureLine([r.all, ...npmErrors].join('\n'));
    // The registry answered that no release matches a range: a real gap fails the second try as well.
    const gapOnce = failedOnce && !registry && missingVersion([r.all, ...npmErrors].join('\n'));
    if (registry || gapOnce) {
      const why = registry || `the registry had no release of ${gapOnce.name}@${gapOnce.range}`;
      const pauseMs = registry ? RETRY_PAUSE_MS : MISSING_VERSION_PAUSE_MS;
      triedAgain.push(`${name} (${why})`);
      const said = registry ? `the registry or the network failed this step (${registry})` : `${why}: its metadata is asked for afresh`;
      await appendFile(log, `\n# ${said}; once more in ${pauseMs / 1000} s\n`);
      await sleep(pauseMs);
      since = Date.now();
      r = await exec(command, args, { cwd, env: gapOnce ? { ...stepEnv, ...askTheRegistryAgainEnv } : stepEnv, log, timeoutMs });
      npmErrors = r.code === 0 ? [] : await npmErrorsSince(env, since);
    }
    steps.push({ name, ms: r.ms });
    if (r.timedOut) throw new StepFailed(name, `timed out after ${Math.round(timeoutMs / 1000)}s`, r.all);
    if (fails ? r.code === 0 : r.code !== 0) {
      // nx add shows only "Failed to install …": npm's own code says why.
      const code = npmErrors.find((l) => l.startsWith('npm error code ') && !r.all.includes(l));
      const gap = fails ? undefined : missingVersion([r.all, ...npmErrors].join('\n'));
      const line = fails
        ? `exited 0, expected a failure`
        : `${firstErrorLine(r.all)}${code ? ` (${code})` : ''}${gap ? `; no release of ${gap.name}@${gap.range}${await registryNowHas(gap, stepEnv)}` : ''}`;
      throw new StepFailed(name, line, [r.all, ...npmErrors].join('\n'));
    }
    const missing = expect.find((e) => (e instanceof RegExp ? !e.test(r.all) : !r.all.includes(e)));
    if (missing) throw new StepFailed(name, `output lacks ${missing}`, r.all);
    const refused = r.all.split('\n').find((l) => refuse.some((re) => re.test(l)));
    if (refused) throw new StepFailed(name, `output has ${refused.trim()}`, r.all);
    return r.all;
  }
  const check = (name, ok, line) => {
    if (!ok) throw new StepFailed(name, line);
  };
  const nx = (args) => pm.nx(args);

  // 1. the workspace, as a user starts it (or one of the shapes people already have)
  if (shape) {
    nxVersion = await shape.create({ step, ws, cellDir, nxVersion, env, log });
  } else {
    await step('init package.json', pm.init, { timeoutMs: 2 * MINUTE });
    await afterInit(cell.pm, ws);
    // With the TypeScript a user's `<pm> add -D nx typescript` gives: the newest (7 since July
    // 2026), or, where that Nx's TypeScript peer leaves it out (Nx 24.0.7: ^5.8.0 || ^6.0.0),
    // npm's pick inside the peer while pnpm, yarn and bun take 7 with a warning. The seams'
    // devDependencies must install beside either and their specs must run.
    await step(`install nx@${nxVersion} and typescript`, pm.addDev(`nx@${nxVersion}`, 'typescript'), { timeoutMs: 8 * MINUTE });
  }
  // Under PnP (no node_modules) Nx itself stops first without an nx.json ("The current
  // directory isn't part of an Nx workspace"); with one, nx add reaches the plugin.
  if (cell.pm === 'yarn-pnp') await writeFile(join(ws, 'nx.json'), '{}\n');
  const packed = join(cellDir, basename(tarball));
  await copyFile(tarball, packed);
  await step('nx add @seamline/nx', nx(['add', `@seamline/nx@file:../${basename(tarball)}`]), {
    timeoutMs: 8 * MINUTE,
    // yarn 1 says so only here: `warning "@seamline/nx > <dep>" has unmet peer dependency "<peer>"`.
    refuse: [/"@seamline\/nx > [^"]*" has unmet peer dependency/],
  });

  const nxJson = JSON.parse(await readFile(join(ws, 'nx.json'), 'utf8').catch(() => '{}'));
  check(
    'nx add @seamline/nx',
    (nxJson.plugins ?? []).some((p) => (typeof p === 'string' ? p : p.plugin) === '@seamline/nx'),
    'nx.json does not register @seamline/nx',
  );
  const gitignore = await readFile(join(ws, '.gitignore'), 'utf8').catch(() => '');
  for (const entry of ['node_modules', '.nx', '.seamline'])
    check('nx add @seamline/nx', new RegExp(`^/?${entry.replace('.', '\\.')}/?$`, 'm').test(gitignore), `.gitignore does not cover ${entry}/`);
  const pkg = JSON.parse(await readFile(join(ws, 'package.json'), 'utf8'));
  // The TypeScript the seams run beside: the user's, or the one init added where there was none.
  const typescript = JSON.parse(await readFile(join(ws, 'node_modules/typescript/package.json'), 'utf8').catch(() => '{}')).version;
  check(
    'nx add @seamline/nx',
    pkg.devDependencies?.jest && pkg.devDependencies?.['@types/jest'],
    'package.json lacks the seam devDependencies (jest, @types/jest)',
  );
  if (cell.pm !== 'yarn-pnp')
    check('nx add @seamline/nx', existsSync(join(ws, 'node_modules/jest/package.json')), `jest is in package.json but was not installed by ${pmName}`);
  // The plugin's tree is whole as the package manager sees it: a peer the plugin leaves unmet (an
  // @nx/devkit that peers another Nx, an @octokit plugin without its core) only warns at install.
  if (pmName === 'npm') await step('npm ls --all', ['npm', ['ls', '--all']]);
  if (pmName === 'yarn' && cell.pm !== 'yarn-pnp')
    await step('yarn explain peer-requirements', ['yarn', ['explain', 'peer-requirements']], { refuse: [/✘.*@seamline\/nx/] });

  // 2. two real component repositories: a provider and a consumer
  const repos = join(cellDir, 'repos');
  const provider = await new ComponentRepo(repos, 'schema').create();
  const consumer = await new ComponentRepo(repos, 'users').create();
  await provider.onMain([
    [people.ada, 'Create @acme/schema', { 'package.json': schema.packageJson('1.0.0'), 'index.js': schema.index(['id', 'name', 'token', 'email']) }],
  ]);
  await consumer.onMain([[people.sam, 'Create @acme/users', { 'package.json': users.packageJson('^1.0.0'), 'index.js': users.index('token') }]]);
  await step('nx g component schema', nx(['g', '@seamline/nx:component', 'schema', `--repo=${provider.url}`, '--npm=@acme/schema', '--no-interactive']));
  await step(
    'nx g component users',
    nx(['g', '@seamline/nx:component', 'users', `--repo=${consumer.url}`, '--dependsOn=schema', '--npm=@acme/users', '--no-interactive']),
  );
  const configPath = join(ws, 'integration/seamline.yaml');
  const config = await readFile(configPath, 'utf8');
  check('nx g component users', config.includes('renderers: [env]\n'), 'integration/seamline.yaml lacks the generated "renderers: [env]" line');
  await writeFile(configPath, config.replace('renderers: [env]\n', 'renderers: [env, npm]\n'));

  // 3. a seam between them
  await step(
    'nx g seam-test',
    nx([
      'g',
      '@seamline/nx:seam-test',
      'users-schema',
      '--components=users,schema',
      '--subset=pr_fast',
      '--catches=users signs requests with the token field of the schema user record',
      '--no-interactive',
    ]),
    { expect: ['seams/users-schema/seam.yaml'] },
  );
  await writeFile(join(ws, 'seams/users-schema/users-schema.spec.ts'), usersSchemaSpec);

  // 4. the runs
  await step('full records known good', nx(['run', 'integration:full']), {
    timeoutMs: 6 * MINUTE,
    expect: [/full passed: /, 'Recorded known good: integration/known-good.jsonl line 1'],
  });
  const breaking = await provider.openPr(12, 'rename-token', people.ada, 'Rename token to accessToken', {
    'package.json': schema.packageJson('2.0.0'),
    'index.js': schema.index(['id', 'name', 'accessToken', 'email']),
  });
  await step('pr-fast fails on a breaking pin', nx(['run', 'integration:pr-fast', '--component=schema', `--sha=${breaking}`, '--pr=12']), {
    timeoutMs: 6 * MINUTE,
    fails: true,
    expect: ['pr-fast failed: failed seam: users-schema'],
    // The failing seam's output is shown: the npm override's hooks load without a word from Node.
    refuse: [/DEP0205|module\.register\(\)` is deprecated/],
  });
  const harmless = await provider.openPr(13, 'readme', people.bo, 'Add a README', { 'README.md': schema.readme() });
  await step('pr-fast passes on a harmless pin', nx(['run', 'integration:pr-fast', '--component=schema', `--sha=${harmless}`, '--pr=13']), {
    timeoutMs: 6 * MINUTE,
    expect: [/pr-fast passed: /],
  });
  // The same runs through the plugin's own bin, as the package manager links it: one process, no nx run.
  const seamline = (args) => pm.bin('seamline', args);
  await step('seamline run replays a passing tuple', seamline(['run', 'integration:pr-fast', '--component=schema', `--sha=${harmless}`, '--pr=13']), {
    timeoutMs: 6 * MINUTE,
    expect: [/pr-fast passed: /, /from the cache/],
  });
  await step('seamline run fails on a breaking pin', seamline(['run', 'integration:pr-fast', '--component=schema', `--sha=${breaking}`, '--pr=12']), {
    timeoutMs: 6 * MINUTE,
    fails: true,
    expect: ['pr-fast failed: failed seam: users-schema'],
  });
  // On a developer's machine the Nx daemon is on: the graph comes from the daemon, and the seams
  // still run in seamline run's own process (a nested nx run-many would leave its hook file).
  const daemonOn = { NX_DAEMON: 'true' };
  try {
    const out = await step(
      'seamline run with the Nx daemon on',
      seamline(['run', 'integration:pr-fast', '--component=schema', `--sha=${harmless}`, '--pr=13']),
      { timeoutMs: 6 * MINUTE, extraEnv: daemonOn, expect: [/pr-fast passed: /] },
    );
    const runDir = out.match(/artifacts in (\S+)/)?.[1];
    check('seamline run with the Nx daemon on', runDir, 'the run named no artifacts folder');
    check(
      'seamline run with the Nx daemon on',
      !existsSync(join(ws, runDir, '.nx-tasks-1.json')),
      "the seams ran in a nested nx run-many, not in seamline run's process",
    );
  } finally {
    const [command, args] = nx(['daemon', '--stop']);
    await exec(command, args, { cwd: ws, env: { ...env, ...daemonOn }, log, timeoutMs: MINUTE });
  }
  // A pin from the npm-shrinkwrap.json era, the lockfile written by npm 11 itself: npm 12 (the
  // cells' npm) no longer reads it, so auto prepares that pin with npm 11 from the registry.
  const eraDir = join(cellDir, 'shrinkwrap-era');
  await mkdir(eraDir);
  await writeFile(join(eraDir, 'package.json'), schema.packageJson('1.0.0'));
  await step('npm 11 writes a lockfile', ['npx', ['-y', 'npm@11', 'install', '--package-lock-only', '--no-audit', '--no-fund']], { cwd: eraDir });
  const shrinkwrapped = await provider.openPr(14, 'shrinkwrap', people.bo, 'Lock with npm-shrinkwrap.json', {
    'npm-shrinkwrap.json': await readFile(join(eraDir, 'package-lock.json'), 'utf8'),
  });
  await step('pr-fast prepares a shrinkwrap-era pin', nx(['run', 'integration:pr-fast', '--component=schema', `--sha=${shrinkwrapped}`, '--pr=14']), {
    timeoutMs: 6 * MINUTE,
    expect: [/prepared \(auto: npm 11\.\d+\.\d+: npm-shrinkwrap\.json/, /pr-fast passed: /],
  });
  await step('known-good --verify', nx(['run', 'integration:known-good', '--verify']));
  // Text Nx's parser reads as a number (a culprit's short SHA) passes this Nx's schema check as text.
  await step('hold with a reason of digits', nx(['run', 'integration:hold', '--component=schema', `--sha=${harmless}`, '--reason=1234567']), {
    expect: [/hold: schema held at [0-9a-f]{12} until \d{4}-\d\d-\d\d: 1234567, written to/],
  });
  await step('hold --release', nx(['run', 'integration:hold', '--component=schema', '--release']), { expect: ['hold: released schema held at'] });

  // 5. the graph
  await step('nx graph --file', nx(['graph', '--file=graph.json']));
  const graph = JSON.parse(await readFile(join(ws, 'graph.json'), 'utf8')).graph;
  for (const project of ['integration', 'schema', 'users', 'users-schema'])
    check('nx graph --file', graph.nodes[project], `graph.json has no project ${project}`);
  const edges = (from) => (graph.dependencies[from] ?? []).map((d) => d.target);
  check('nx graph --file', edges('users').includes('schema'), 'graph.json has no edge users -> schema');
  check(
    'nx graph --file',
    ['users', 'schema'].every((c) => edges('users-schema').includes(c)),
    'graph.json has no edges users-schema -> users, schema',
  );
  return { steps, nxVersion, typescript, triedAgain };
}
