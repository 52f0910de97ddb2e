const { rmSync } = require('node:fs');

module.exports = async function removeOwnCheckoutsDir() {
  const dir = globalThis.__seamlineTestCheckoutsDir;
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
};
