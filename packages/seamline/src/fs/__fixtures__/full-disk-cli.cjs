// Runs inside a mount namespace where <dir> is a small tmpfs: fills it, then does what
// Seamline does on a full disk with the built plugin, and prints what it saw as JSON.
const fs = require('node:fs');
const { join } = require('node:path');
const { KnownGoodStore } = require(process.env.SEAMLINE_DIST + '/src/store/known-good-store.js');
const { writeFileAtomic } = require(process.env.SEAMLINE_DIST + '/src/fs/atomic-write.js');
const { withNoSpaceNamed } = require(process.env.SEAMLINE_DIST + '/src/fs/no-space.js');

const [, , dir] = process.argv;
const storePath = join(dir, 'known-good.jsonl');
const store = new KnownGoodStore(storePath, storePath, { staleMs: 2000, waitMs: 10_000 });
const record = (seq) => ({
  timestamp: '2026-12-01T00:00:00Z',
  tuple: { auth: String(seq).repeat(40).slice(0, 40) },
  manifest_sha256: String(seq).repeat(64).slice(0, 64),
  suite: 'full',
  duration_s: seq,
  run: null,
});
const failure = (promise) =>
  promise.then(
    () => undefined,
    (e) => ({ code: e.code, message: e.message }),
  );

(async () => {
  await store.append(record(1));
  // The disk is the workspace's: .seamline is on it.
  fs.mkdirSync(join(dir, '.seamline'));
  const before = fs.readFileSync(storePath, 'utf8');
  // Fill the disk to the last block.
  const filler = join(dir, 'filler');
  const fd = fs.openSync(filler, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (e) {
    if (e.code !== 'ENOSPC') throw e;
  }
  fs.closeSync(fd);
  const out = {};
  // The store's last page may still have room for a few lines: append until the disk refuses one.
  let seq = 2;
  let last = before;
  for (; seq < 100 && !out.append; seq++) {
    last = fs.readFileSync(storePath, 'utf8');
    out.append = await failure(store.append(record(seq)));
  }
  out.appended = seq - 3;
  out.storeUnchanged = fs.readFileSync(storePath, 'utf8') === last;
  out.verifyWhenFull = await store.verify().then((r) => r.ok);
  out.atomic = await failure(writeFileAtomic(join(dir, 'results.json'), 'x'.repeat(256 * 1024)));
  out.left = fs.readdirSync(dir).sort();
  out.line = await withNoSpaceNamed(out.atomic.message, dir);
  // Space again: the next append works and chains onto the first.
  fs.rmSync(filler);
  await store.append(record(seq));
  out.recordsAfter = (await store.records()).length;
  out.verifyAfter = await store.verify().then((r) => r.ok);
  process.stdout.write(JSON.stringify(out));
})().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
