import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createE2eWorkspace, type E2eWorkspace } from './e2e-workspace';
import { BUN_1_1, BUN_1_3, BUN_1_4, createEraRepos, type EraRepos, eraWorkspaceFiles, PNPM_10, PNPM_7, PNPM_9 } from './fixtures/era-repos';
import { gitIn } from '../../packages/seamline/src/__fixtures__/git-repos';
import { createYarnPnpRepo } from './fixtures/yarn-pnp-repo';

/**
 * `prepare: auto` through the real `nx` CLI on a provider whose history crosses
 * toolchain eras (npm, npm + TypeScript, pnpm 7, pnpm 9, ESM only, packageManager
 * pnpm 10 with devEngines, bun's binary lockfile, its text one, packageManager bun), with lockfiles written by the real tools: no hand-written prepare
 * commands, every commit prepares as its own era says, pr-fast catches the break
 * through the npm override, and bisect across the eras names it, skipping the
 * commit whose build is broken.
 */
describe('prepare: auto across toolchain eras', () => {
  let ws: E2eWorkspace;
  let repos: EraRepos;
  const runDirOf = (output: string) => /artifacts in (\.seamline\/runs\/[\w-]+)/.exec(output)?.[1] ?? '';
  const short = (sha: string) => sha.slice(0, 12);
  const prFast = (sha: string) => ws.nx(['run', 'integration:pr-fast', '--component=duration', `--sha=${sha}`]);

  beforeAll(async () => {
    [ws, repos] = await Promise.all([createE2eWorkspace(), createEraRepos()]);
    await ws.write({ ...eraWorkspaceFiles(repos), 'nx.json': JSON.stringify({ plugins: ['@seamline/nx'] }) });
  });
  afterAll(async () => {
    await ws?.remove();
    await repos?.remove();
  });

  it('records the first known good from chosen SHAs (full --main=...), each pin prepared as its commit says', async () => {
    const full = await ws.nx(['run', 'integration:full', `--main=duration@${repos.duration.good}`, `--main=logger@${repos.logger.shas[0]}`]);
    expect(full.all).toContain('full passed: 1 seam passed');
    expect(full.all).toContain('Recorded known good: integration/known-good.jsonl line 1');
    // Both pins need a prepare: said before either ends, then prepared side by side.
    const pins = [`duration@${short(repos.duration.good)}`, `logger@${short(repos.logger.shas[0])}`].sort();
    expect(full.all).toMatch(new RegExp(`Preparing 2 pins, [2-4] at a time: ${pins.join(', ')}`));
    expect(full.all).toContain(`duration@${short(repos.duration.good)}: prepared (auto: npm (the npm on PATH): package-lock.json lockfileVersion 3)`);
    expect(full.all).toContain(`logger@${short(repos.logger.shas[0])}: prepared (auto: npm (the npm on PATH): package-lock.json lockfileVersion 3)`);
    const log = await readFile(join(ws.root, runDirOf(full.all), 'logs/prepare-duration.log'), 'utf8');
    expect(log).toContain('$ npm ci --ignore-scripts --no-audit --no-fund\n');
    // Reproducing that full run passes again and says how to record it.
    const again = await ws.nx(['run', 'integration:reproduce', `--manifest=${runDirOf(full.all)}/manifest.yaml`]);
    expect(again.all).toContain('reproduce passed');
    expect(again.all).toContain(`To record this tuple as known good: nx run integration:record-known-good --manifest=${runDirOf(again.all).split('/').pop()}`);
  });

  it('every commit of every era prepares with auto and passes, up to the break', async () => {
    const { shas, eras, unbuildable, breaking } = repos.duration;
    const npm = 'auto: npm (the npm on PATH): package-lock.json lockfileVersion 3';
    const pnpm7 = `auto: pnpm ${PNPM_7}: pnpm-lock.yaml lockfileVersion 5.4`;
    const pnpm9 = `auto: pnpm ${PNPM_9}: pnpm-lock.yaml lockfileVersion 9.0`;
    const bun13 = `auto: bun ${BUN_1_3}: bun.lock lockfileVersion 1`;
    const expected: [string, string, string][] = [
      [shas[0], 'auto: npm (the npm on PATH): no lockfile', 'npm install --ignore-scripts --no-audit --no-fund --omit=dev'],
      [eras[0], npm, 'npm ci --ignore-scripts'],
      [eras[1], npm, 'npm run build'], // TypeScript: tsc builds dist/
      [eras[2], pnpm7, `npx -y pnpm@${PNPM_7} install --frozen-lockfile --ignore-scripts`],
      [eras[3], pnpm7, `npx -y pnpm@${PNPM_7} run build`],
      [eras[4], pnpm9, `npx -y pnpm@${PNPM_9} install --frozen-lockfile --ignore-scripts`],
      [eras[5], pnpm9, `npx -y pnpm@${PNPM_9} run build`], // ESM only, with an exports map
      [
        eras[6],
        `auto: pnpm ${PNPM_10}: packageManager pnpm@${PNPM_10} in package.json`,
        // Its package.json has devEngines naming pnpm, beside which npm's npx refuses to start.
        `npx -y pnpm@${PNPM_10} install --frozen-lockfile --ignore-scripts\n# npx starts outside the checkout, which has devEngines in package.json`,
      ],
      [
        eras[7],
        `auto: bun ${BUN_1_1}: bun.lockb (binary, bun 1.1 and earlier)`,
        `npx -y --allow-scripts=bun bun@${BUN_1_1} install --frozen-lockfile --ignore-scripts`,
      ],
      [eras[8], bun13, `npx -y --allow-scripts=bun bun@${BUN_1_3} install --frozen-lockfile --ignore-scripts`],
      [eras[10], bun13, `npx -y --allow-scripts=bun bun@${BUN_1_3} run build`],
      [eras[11], `auto: bun ${BUN_1_4}: packageManager bun@${BUN_1_4} in package.json`, `npx -y --allow-scripts=bun bun@${BUN_1_4} install --frozen-lockfile`],
    ];
    expect(expected.map(([sha]) => sha)).not.toContain(unbuildable);
    expect(expected.map(([sha]) => sha)).not.toContain(breaking);
    for (const [sha, detected, command] of expected) {
      const pr = await prFast(sha);
      expect([short(sha), pr.all]).toEqual([short(sha), expect.stringContaining('pr-fast passed: 1 seam passed')]);
      expect(pr.all).toContain(`duration@${short(sha)}: prepared (${detected})`);
      const log = await readFile(join(ws.root, runDirOf(pr.all), 'logs/prepare-duration.log'), 'utf8');
      expect(log).toContain(`# ${detected}\n`);
      expect(log).toContain(`$ ${command}`);
      expect(await readFile(join(ws.root, runDirOf(pr.all), 'logs/logger-duration.log'), 'utf8')).toContain('took 2s');
    }
  }, 900_000);

  it('pr-fast catches the breaking commit through the npm override', async () => {
    const pr = await prFast(repos.duration.breaking);
    expect(pr.exitCode).not.toBe(0);
    expect(pr.all).toContain('pr-fast failed: failed seam: logger-duration');
    expect(await readFile(join(ws.root, runDirOf(pr.all), 'logs/logger-duration.log'), 'utf8')).toContain('@acme/duration has no formatDuration');
  });

  it('a commit whose build is broken fails to prepare, said once in summary.md, its log quoting each command', async () => {
    const pr = await prFast(repos.duration.unbuildable);
    expect(pr.exitCode).not.toBe(0);
    expect(pr.all).toContain(`pr-fast failed: component duration at ${repos.duration.unbuildable} failed to prepare`);
    const run = runDirOf(pr.all);
    const summary = await readFile(join(ws.root, run, 'summary.md'), 'utf8');
    expect(summary.match(/failed to prepare/g)).toHaveLength(1);
    // build.cjs exits with 2, and bun run passes its code on.
    expect(summary).toContain(
      `failed to prepare**: \`npx -y --allow-scripts=bun bun@${BUN_1_3} run build\` exited with 2 (log: \`${run}/logs/prepare-duration.log\`)`,
    );
    const log = await readFile(join(ws.root, run, 'logs/prepare-duration.log'), 'utf8');
    expect(log).toContain(`# auto: bun ${BUN_1_3}: bun.lock lockfileVersion 1\n`);
    expect(log).toContain('build.cjs: cannot read src/index.js');
  });

  it('bisect across the eras names the breaking commit and skips the unbuildable one, never blaming it', async () => {
    const full = await ws.nx(['run', 'integration:full']);
    expect(full.exitCode).not.toBe(0);
    expect(full.all).toContain('full failed: failed seam: logger-duration');
    expect(full.all).toContain(`bisect: culprit: duration ${repos.duration.breaking} "rename formatDuration to humanize" by Test`);
    const file = /probes in (\.seamline\/runs\/[\w-]+\/bisect\.json)/.exec(full.all)?.[1];
    const record = JSON.parse(await readFile(join(ws.root, file!), 'utf8'));
    expect(record.commits.duration).toBe(repos.duration.eras.length);
    expect(record.verdict).toMatchObject({ kind: 'culprit', component: 'duration', sha: repos.duration.breaking });
    const results = Object.fromEntries(record.probes.map((p: { tuple: Record<string, string>; result: string }) => [p.tuple.duration, p.result]));
    expect(results[repos.duration.unbuildable]).toBe('skip');
    expect(results[repos.duration.breaking]).toBe('fail');
    // bad again, then a binary search over 14 commits with one skip: ceil(log2 14) + 2.
    expect(record.probes.length).toBeLessThanOrEqual(6);
    // The probes crossed the eras: a pnpm 10 commit and the bun ones after the skip passed.
    const { eras } = repos.duration;
    expect([results[eras[6]], results[eras[10]], results[eras[11]]]).toEqual(['pass', 'pass', 'pass']);
  }, 900_000);

  it("a Yarn Berry component with Plug'n'Play, Berry's default, is installed into node_modules with the yarn its commit names, not the integration workspace's, with a lockfile and without", async () => {
    const parent = await mkdtemp(join(tmpdir(), 'seamline-yarn-pnp-'));
    try {
      const clock = await createYarnPnpRepo(parent);
      const [sha] = clock.shas;
      await ws.write({
        'components/clock/component.yaml': `repo: ${clock.url}\nprovides: { npm: "@acme/clock" }\ntest: [npx, -y, -p, "@yarnpkg/cli-dist@4.18.1", yarn, test]\n`,
        'seams/clock-pad/seam.yaml': 'components: [clock]\ncatches: clock cannot load its own dependencies\ncommand: [node, check.js]\n',
        'seams/clock-pad/check.js': [
          "const { realpathSync } = require('fs');",
          'const clock = require(process.env.SEAMLINE_DIR_CLOCK);',
          'const own = realpathSync(process.env.SEAMLINE_DIR_CLOCK);',
          'console.log(`left-pad from ${clock.where}`);',
          "if (!realpathSync(clock.where).startsWith(own)) throw new Error(`clock's left-pad is not its own: ${clock.where}`);",
          "if (clock.pad('7') !== '00007') throw new Error(`pad gave ${clock.pad('7')}`);",
          '',
        ].join('\n'),
        'integration/seamline.yaml': (await readFile(join(ws.root, 'integration/seamline.yaml'), 'utf8')).replace(
          'pr_fast: { seams: [logger-duration]',
          'pr_fast: { seams: [logger-duration, clock-pad]',
        ),
        // A Yarn integration workspace pinned to its own release: yarn reads .yarnrc.yml upward from a checkout.
        '.yarnrc.yml': 'yarnPath: ./tools/integration-yarn.cjs\n',
        'tools/integration-yarn.cjs': "console.error('the integration workspace yarn ran, not the commit one');\nprocess.exit(3);\n",
      });
      const pr = await ws.nx(['run', 'integration:pr-fast', '--component=clock', `--sha=${sha}`]);
      expect(pr.all).toContain(`clock@${short(sha)}: prepared (auto: yarn 4.18.1: packageManager yarn@4.18.1 in package.json)`);
      expect(pr.all).toContain('pr-fast passed: 1 seam passed');
      expect(pr.exitCode).toBe(0);
      const log = await readFile(join(ws.root, runDirOf(pr.all), 'logs/prepare-clock.log'), 'utf8');
      expect(log).toContain(
        '$ YARN_NODE_LINKER=node-modules YARN_IGNORE_PATH=1 npx -y -p @yarnpkg/cli-dist@4.18.1 yarn install --immutable --mode=skip-build\n',
      );
      const checkout = join(ws.root, '.seamline/checkouts', `clock@${sha}`);
      expect(existsSync(join(checkout, 'node_modules/left-pad/package.json'))).toBe(true);
      expect(existsSync(join(checkout, '.pnp.cjs'))).toBe(false);
      expect(await readFile(join(ws.root, runDirOf(pr.all), 'logs/clock-pad.log'), 'utf8')).toMatch(
        /left-pad from \S*\/clock@[0-9a-f]{40}\/node_modules\/left-pad\//,
      );
      // The component's own tests in its checkout: the same install, then yarn test.
      const verify = await ws.nx(['run', 'clock:verify', `--sha=${sha}`]);
      expect(verify.all).toContain('clock pads 7 to 00007');
      expect(verify.all).toContain(`clock@${short(sha)} passes its own verification.`);
      expect(verify.exitCode).toBe(0);

      // A later commit, as libraries often are: no lockfile, and devEngines instead of packageManager.
      await gitIn(clock.dir, ['rm', '-q', 'yarn.lock']);
      const manifest = JSON.parse(await readFile(join(clock.dir, 'package.json'), 'utf8'));
      delete manifest.packageManager;
      manifest.devEngines = { packageManager: { name: 'yarn', version: '^4.0.0' } };
      const later = await clock.commit({ 'package.json': `${JSON.stringify(manifest, null, 2)}\n` }, 'clock: devEngines, no lockfile');
      const plain = await ws.nx(['run', 'clock:verify', `--sha=${later}`]);
      // npm would refuse beside that devEngines, and Yarn without a yarn.lock would take the integration workspace for its project.
      expect(plain.all).toContain('# auto: yarn 4.18.1: devEngines.packageManager yarn ^4.0.0 in package.json (no packageManager field, no lockfile)');
      expect(plain.all).toContain('$ npx -y -p @yarnpkg/cli-dist@4.18.1 yarn install --no-immutable --mode=skip-build');
      expect(plain.all).toContain('# an empty yarn.lock, as the checkout has none');
      expect(plain.all).toContain('clock pads 7 to 00007');
      expect(plain.exitCode).toBe(0);
      const laterCheckout = join(ws.root, '.seamline/checkouts', `clock@${later}`);
      expect(existsSync(join(laterCheckout, 'node_modules/left-pad/package.json'))).toBe(true);
      // The install filled in the lockfile it was given.
      expect(await readFile(join(laterCheckout, 'yarn.lock'), 'utf8')).toContain('left-pad@npm:1.3.0');
    } finally {
      await rm(join(ws.root, '.yarnrc.yml'), { force: true });
      await rm(parent, { recursive: true, force: true });
    }
  }, 300_000);
});
