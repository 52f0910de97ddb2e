// A real materializing process for the pin cache's reliability tests: runs the
// built plugin's materializePins on the pins given as JSON and prints each
// result as a line of JSON. Arguments: root, pins, lock stale ms, concurrency
// (1: the pins one after the other, in order).
const { writeSync } = require('node:fs');
const { materializePins } = require(process.env.SEAMLINE_DIST + '/src/git/materialize.js');

const [, , root, pinsJson, staleMs, concurrency] = process.argv;
materializePins(root, JSON.parse(pinsJson), { lockStaleMs: Number(staleMs || 10000), concurrency: Number(concurrency || 4) })
  .then((pins) => {
    for (const pin of pins) writeSync(1, `${JSON.stringify({ component: pin.component, sha: pin.sha, status: pin.status, attempts: pin.attempts })}\n`);
  })
  .catch((error) => {
    writeSync(2, `${error.message}\n`);
    process.exit(1);
  });
