// A real writer process for the store's reliability tests: appends `count`
// records to the store with the built plugin, printing `ok <hash>` to stdout
// only after each append has returned.
const { writeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { KnownGoodStore } = require(process.env.SEAMLINE_DIST + '/src/store/known-good-store.js');

const [, , storePath, tag, count] = process.argv;
const store = new KnownGoodStore(storePath, storePath, { staleMs: 2000, waitMs: 120_000 });
const hex = (text) => createHash('sha256').update(text).digest('hex');

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
