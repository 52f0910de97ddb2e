// Does what a run does first in a workspace (a lease folder under .seamline), or what recording
// known good does (an append to the store), with the built
// plugin, as whoever runs this, and prints the one line a refusal becomes, as JSON.
const { appendFile, mkdir } = require('node:fs/promises');
const { join } = require('node:path');
const { notWritableProblem } = require(process.env.SEAMLINE_DIST + '/src/fs/not-writable.js');

// `store`: append to the known-good store instead (open for appending).
const [, , root, what] = process.argv;
const attempt =
  what === 'store' ? appendFile(join(root, 'known-good.jsonl'), '{}\n') : mkdir(join(root, '.seamline', 'leases', 'auth@0123'), { recursive: true });
attempt.then(
  () => process.stdout.write(JSON.stringify({ wrote: true })),
  async (error) => process.stdout.write(JSON.stringify({ code: error.code, line: await notWritableProblem(error, root) })),
);
