// Replaces one cache file in a loop, as fast as it can, with about 16 MB of JSON, until it is
// killed: so that a SIGKILL lands between a temp file's write and its rename. Used by
// nodes-cache.processes.spec.ts; SEAMLINE_DIST names the build, argv[2] the cache file.
const { join } = require('node:path');
const { replaceCacheFile } = require(join(process.env.SEAMLINE_DIST, 'src/fs/atomic-write.js'));
const content = JSON.stringify({ entry: 'x'.repeat(16 * 1024 * 1024) });
process.stdout.write('ready\n');
for (;;) replaceCacheFile(process.argv[2], content);
