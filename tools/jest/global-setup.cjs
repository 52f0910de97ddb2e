// Every jest run's checkouts go to a folder of its own, removed when the run ends: Seamline keeps
// checkouts outside the workspace (in the user's cache folder unless SEAMLINE_CHECKOUTS_DIR says
// otherwise), where the throwaway workspaces of the specs would otherwise leave them behind.
// Set here, before jest starts its workers, so that every worker and every process a spec starts
// (the real nx CLI included) inherits it.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function useOwnCheckoutsDir() {
  const dir = mkdtempSync(join(tmpdir(), 'seamline-test-checkouts-'));
  process.env.SEAMLINE_CHECKOUTS_DIR = dir;
  globalThis.__seamlineTestCheckoutsDir = dir;
};
