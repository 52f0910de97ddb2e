// A real writer process for the store's reliability tests: appends `count`
// records to the store with the built plugin, printing `ok <hash>` to stdout
// only after each append has returned.
//
// SEAMLINE_TEST_STOP_AFTER_MS=<ms>: on the first append only, once the store's end was
// read under the lock, wait that long, print `stopping` and stop itself
// with SIGSTOP, inside its critical section, until the test sends SIGCONT; then print
// `held <ms>`, how long it really stayed between its read and its check. The writer stops
// itself because a parent on a loaded machine can be a second late to stop it.
const { writeSync } = require('node:fs');
const fsp = require('node:fs/promises');
const { createHash } = require('node:crypto');
const { KnownGoodStore } = require(process.env.SEAMLINE_DIST + '/src/store/known-good-store.js');

const [, , storePath, tag, count] = process.argv;
const store = new KnownGoodStore(storePath, storePath, { staleMs: 2000, waitMs: 120_000 });
const hex = (text) => createHash('sha256').update(text).digest('hex');

const stopAfter = process.env.SEAMLINE_TEST_STOP_AFTER_MS;
if (stopAfter !== undefined) {
  // The store is read through one file handle (its tail); hold once it is closed, so the read is done.
  const open = fsp.open;
  let held = false;
  fsp.open = async (...args) => {
    const handle = await open(...args);
    if (held || args[0] !== storePath) return handle;
    held = true;
    const close = handle.close.bind(handle);
    handle.close = async () => {
      await close();
      const start = Date.now();
      await new Promise((r) => setTimeout(r, Number(stopAfter)));
      writeSync(1, 'stopping\n');
      process.kill(process.pid, 'SIGSTOP');
      writeSync(1, `held ${Date.now() - start}\n`);
    };
    return handle;
  };
}

(async () => {
  for (let i = 0; i < Number(count); i++) {
    const manifest = hex(`${tag}/${i}`);
    await store.append({
      timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      tuple: { writer: hex(tag).slice(0, 40), seq: hex(String(i)).slice(0, 40) },
      manifest_sha256: manifest,
      suite: 'full',
      duration_s: i,
      run: null,
    });
    writeSync(1, `ok ${manifest}\n`);
  }
})().catch((error) => {
  writeSync(2, `${error.stack}\n`);
  process.exit(1);
});
