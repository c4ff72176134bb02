const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  rootDir: __dirname,
  // Each e2e file loads the whole stack (schemas, ORM metadata) and jest keeps part of it alive
  // across files: in one process the heap grew to ~1.4 GB after eight files, and the files late
  // in the run took 3× as long in GC (the matrix 257 s instead of 76 s). With a limit jest runs
  // the files in a worker and replaces it once its heap passes the limit after a file.
  workerIdleMemoryLimit: '700MB',
  // The soak runs for minutes: only `npm run soak` (which sets SOAK_MINUTES) runs it; CI runs the fault suite's CI-sized rows.
  testPathIgnorePatterns: ['/node_modules/', ...(process.env.SOAK_MINUTES ? [] : ['soak\\.e2e\\.spec\\.ts$'])],
};
