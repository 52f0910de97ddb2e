// Does what a run does in a workspace with the built plugin, as whoever runs this, and prints
// the one line a refusal becomes, as JSON: make a lease folder under .seamline (the default),
// append to the known-good store (`store`), or make the runs folder (`runs`).
const { appendFile, mkdir } = require('node:fs/promises');
const { join } = require('node:path');
const { notWritableProblem } = require(process.env.SEAMLINE_DIST + '/src/fs/not-writable.js');

const [, , root, what] = process.argv;
const attempt =
  what === 'store'
    ? appendFile(join(root, 'known-good.jsonl'), '{}\n')
    : mkdir(join(root, '.seamline', what === 'runs' ? 'runs' : 'leases/auth@0123'), { recursive: true });
attempt.then(
  () => process.stdout.write(JSON.stringify({ wrote: true })),
  async (error) => process.stdout.write(JSON.stringify({ code: error.code, line: await notWritableProblem(error, root) })),
);
