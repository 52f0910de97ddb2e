// Runs the built `full` executor on the workspace in argv[2], as Nx's forked executor process would:
// the interrupt spec signals this process's group the way a terminal's Ctrl-C does.
const { join } = require('node:path');
const full = require(join(process.env.SEAMLINE_DIST, 'src/executors/full/executor.js')).default;
const root = process.argv[2];
const context = {
  root,
  cwd: root,
  isVerbose: false,
  projectName: 'integration',
  projectsConfigurations: { version: 2, projects: {} },
  nxJsonConfiguration: {},
  projectGraph: { nodes: {}, dependencies: {} },
};
full({}, context).then((result) => {
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(result.success ? 0 : 1);
});
