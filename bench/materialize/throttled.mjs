#!/usr/bin/env node
// bench/materialize/throttled: the pin cache over a real link. 8 components served over smart HTTP
// (../shared/tools/http-backend.js) behind a bandwidth- and latency-limited TCP proxy
// (../shared/tools/throttle-proxy.js), each pinned a few hundred commits behind main. At the same
// concurrency (4, what materializePins uses), one after another in this process:
//   full clones: `git clone` + `git checkout <sha>` of each component
//   raw fetch:   `git init` + `git fetch --depth 1 <url> <sha>` + `git checkout FETCH_HEAD`: the floor
//   seamline:    materializePins into an empty pin cache (cold)
// Only ratios are results. The link's rate and delay: BENCH_MBIT (default 50), BENCH_DELAY_MS (20).
// The tools live outside the repo; without ../shared/tools this benchmark says so and exits 0.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { spawn } from 'node:child_process';
import { execa } from 'execa';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tools = resolve(repoRoot, '../shared/tools');
if (!existsSync(join(tools, 'throttle-proxy.js'))) {
  console.log(`bench/materialize/throttled: skipped, the link tools are not at ${tools} (../shared/tools beside the repo).`);
  process.exit(0);
}
const { materializePins } = createRequire(import.meta.url)(join(repoRoot, 'dist/packages/seamline/src/git/materialize.js'));

const COMPONENTS = 8;
const CONCURRENCY = 4;
const COMMITS = Number(process.env.BENCH_COMMITS ?? 2000);
const BEHIND = Number(process.env.BENCH_BEHIND ?? 500);
const MBIT = Number(process.env.BENCH_MBIT ?? 50);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const freePort = () =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

/** Start a tool and wait for the line it prints once it listens; the caller kills it. */
async function startTool(script, args) {
  const child = spawn(process.execPath, [join(tools, script), ...args.map(String)], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise((done, fail) => {
    child.stdout.once('data', done);
    child.once('exit', (code) => fail(new Error(`${script} exited (${code}) before listening`)));
  });
  child.stdout.resume();
  return child;
}

/** Run `jobs` with at most `limit` in flight, as materializePins does. */
async function pool(items, limit, job) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      while (queue.length > 0) await job(queue.shift());
    }),
  );
}

const time = async (fn) => {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const tmp = await mkdtemp(join(tmpdir(), 'seamline-bench-link-'));
// Checkouts live outside the workspace (the user's cache folder by default): here, in the bench's own folder.
process.env.SEAMLINE_CHECKOUTS_DIR = join(tmp, 'checkouts-outside');
const children = [];
try {
  const served = join(tmp, 'served');
  await mkdir(served);
  console.log(`Generating ${COMPONENTS} repositories (${COMMITS} commits each, gen_repo.py)...`);
  await pool([...Array(COMPONENTS).keys()], 2, async (i) => {
    const bare = join(served, `c${i}.git`);
    await execa('python3', [join(tools, 'gen_repo.py'), bare, String(COMMITS)]);
    await execa('git', ['config', 'uploadpack.allowAnySHA1InWant', 'true'], { cwd: bare });
  });
  const pins = [];
  for (let i = 0; i < COMPONENTS; i++) {
    const bare = join(served, `c${i}.git`);
    const sha = (await execa('git', ['rev-parse', `main~${BEHIND}`], { cwd: bare })).stdout.trim();
    pins.push({ component: `c${i}`, sha, bare });
  }

  const backendPort = await freePort();
  const proxyPort = await freePort();
  children.push(await startTool('http-backend.js', [served, backendPort]));
  children.push(await startTool('throttle-proxy.js', [proxyPort, backendPort, MBIT, DELAY_MS]));
  const url = (pin) => `http://127.0.0.1:${proxyPort}/c${pin.component.slice(1)}.git`;
  for (const pin of pins) pin.url = url(pin);
  console.log(`Link: ${MBIT} Mbit/s, ${DELAY_MS} ms each way; ${COMPONENTS} pins ${BEHIND} commits behind main, concurrency ${CONCURRENCY}.`);

  const variants = {
    'full clones': async (dir) =>
      pool(pins, CONCURRENCY, async (pin) => {
        const into = join(dir, pin.component);
        await execa('git', ['clone', '-q', '--no-tags', pin.url, into]);
        await execa('git', ['checkout', '-q', pin.sha], { cwd: into });
      }),
    'raw depth-1 fetch': async (dir) =>
      pool(pins, CONCURRENCY, async (pin) => {
        const into = join(dir, pin.component);
        await execa('git', ['init', '-q', into]);
        await execa('git', ['fetch', '-q', '--no-tags', '--depth', '1', pin.url, pin.sha], { cwd: into });
        await execa('git', ['checkout', '-q', 'FETCH_HEAD'], { cwd: into });
      }),
    seamline: async (dir) =>
      materializePins(
        dir,
        pins.map(({ component, url: u, sha }) => ({ component, url: u, sha })),
        { concurrency: CONCURRENCY },
      ),
  };
  const results = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order so no variant always runs first (or last) on a warming machine.
    const names = Object.keys(variants);
    const order = names.slice(round % names.length).concat(names.slice(0, round % names.length));
    for (const name of order) {
      const dir = join(tmp, `${name.replace(/\W+/g, '-')}-${round}`);
      await mkdir(dir);
      results[name].push(await time(() => variants[name](dir)));
      await rm(dir, { recursive: true, force: true });
    }
    console.log(
      `round ${round + 1}/${ROUNDS}: ${Object.entries(results)
        .map(([n, v]) => `${n} ${v[round].toFixed(0)} ms`)
        .join(', ')}`,
    );
  }
  const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  console.log(
    `\nmedian of ${ROUNDS} rounds (ms): ${Object.entries(m)
      .map(([n, v]) => `${n} ${v.toFixed(0)}`)
      .join(', ')}`,
  );
  console.log(`seamline cold vs full clones:      ${(m['full clones'] / m.seamline).toFixed(2)}x faster (goal >= 2.5x)`);
  console.log(`seamline cold vs raw depth-1 fetch: ${(m.seamline / m['raw depth-1 fetch']).toFixed(2)}x the time (goal <= 1.15x)`);
} finally {
  for (const child of children) child.kill();
  await rm(tmp, { recursive: true, force: true });
}
