// A real materializing process for the pin cache's reliability tests: runs the
// built plugin's materializePins on the pins given as JSON and prints each
// result as a line of JSON. Arguments: root, pins, lock stale ms, concurrency
// (1: the pins one after the other, in order). With SEAMLINE_REPORT_HEAD=1, each line also
// has `head`: what git says of the checkout right after, as the run's next step would ask.
const { execFileSync } = require('node:child_process');
const { writeSync } = require('node:fs');
const { materializePins } = require(process.env.SEAMLINE_DIST + '/src/git/materialize.js');

const [, , root, pinsJson, staleMs, concurrency] = process.argv;
materializePins(root, JSON.parse(pinsJson), { lockStaleMs: Number(staleMs || 10000), concurrency: Number(concurrency || 4) })
  .then((pins) => {
    for (const pin of pins) {
      const head = process.env.SEAMLINE_REPORT_HEAD === '1' ? headOf(pin.dir) : undefined;
      writeSync(1, `${JSON.stringify({ component: pin.component, sha: pin.sha, status: pin.status, attempts: pin.attempts, head })}\n`);
    }
  })
  .catch((error) => {
    writeSync(2, `${error.message}\n`);
    process.exit(1);
  });

function headOf(dir) {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    return `broken: ${String(error.stderr || error.message).trim()}`;
  }
}
