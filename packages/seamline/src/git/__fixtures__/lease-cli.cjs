// A run's use of its checkouts, for gc's reliability tests: with the built
// plugin, leases the pins given as JSON, materializes them, prints "leased", and
// once a line arrives on stdin reads every file of each checkout (as a seam
// would), releases and exits 0. Arguments: root, pins. SEAMLINE_LEASE_STALE_MS
// shortens the lease's stale time (a killed holder's lease then lapses sooner).
const { readdirSync, readFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');
const { leaseCheckouts } = require(process.env.SEAMLINE_DIST + '/src/fs/checkout-leases.js');
const { materializePins } = require(process.env.SEAMLINE_DIST + '/src/git/materialize.js');

const [, , root, pinsJson] = process.argv;
const pins = JSON.parse(pinsJson);
(async () => {
  const staleMs = process.env.SEAMLINE_LEASE_STALE_MS ? Number(process.env.SEAMLINE_LEASE_STALE_MS) : undefined;
  const release = await leaseCheckouts(root, pins, { staleMs });
  const materialized = await materializePins(root, pins);
  writeSync(1, 'leased\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  for (const pin of materialized) {
    for (const name of readdirSync(pin.dir)) if (name !== '.git') readFileSync(join(pin.dir, name));
    writeSync(1, `read ${pin.component}@${pin.sha}\n`);
  }
  await release();
  process.exit(0);
})().catch((error) => {
  writeSync(2, `${error.message}\n`);
  process.exit(1);
});
