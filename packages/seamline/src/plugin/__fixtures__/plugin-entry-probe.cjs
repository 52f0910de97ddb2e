// Loads the built package entry the way Nx's plugin worker does (a require of the package
// main, then a copy with a spread, as in Nx's load-resolved-plugin), runs createNodes over
// the workspace in the current directory, and prints the nodes and every module loaded.
// With --library, it then also reads one export of the library API.
// Used by plugin-entry.processes.spec.ts; SEAMLINE_DIST names the build.
const { join } = require('node:path');
const entry = require(join(process.env.SEAMLINE_DIST, 'src/index.js'));
const plugin = { ...entry };
const files = JSON.parse(process.argv[2]);
(async () => {
  const results = await plugin.createNodes[1](files, {}, { workspaceRoot: process.cwd(), nxJsonConfiguration: {} });
  const library = process.argv.includes('--library') ? typeof entry.loadWorkspace : undefined;
  process.stdout.write(JSON.stringify({ results, library, modules: Object.keys(require.cache) }));
})();
