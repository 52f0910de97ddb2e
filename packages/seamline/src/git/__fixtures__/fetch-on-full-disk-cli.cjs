// Runs inside a mount namespace where <root> is a small tmpfs: leaves less room than the
// pin's pack needs, materializes the pin with the built plugin, frees the room, materializes
// it again, and prints what it saw as JSON (the tmpfs ends with this process). Arguments: root, pins (JSON), filler bytes.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const { join } = require('node:path');
const { materializePins } = require(process.env.SEAMLINE_DIST + '/src/git/materialize.js');
const { explainFailure } = require(process.env.SEAMLINE_DIST + '/src/run/explain-failure.js');

const [, , root, pinsJson, fillerBytes] = process.argv;
const pins = JSON.parse(pinsJson);
const filler = join(root, 'filler');

(async () => {
  fs.writeFileSync(filler, Buffer.alloc(Number(fillerBytes)));
  const full = await materializePins(root, pins).then(
    () => ({ ok: true }),
    async (error) => ({ ok: false, line: (await explainFailure(error, root)).message }),
  );
  fs.rmSync(filler);
  const again = await materializePins(root, pins);
  process.stdout.write(
    JSON.stringify({
      full,
      again: again.map((p) => ({
        status: p.status,
        head: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: p.dir, encoding: 'utf8' }).trim(),
        blobBytes: fs.statSync(join(p.dir, 'blob.bin')).size,
      })),
    }),
  );
})().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
