const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  rootDir: __dirname,
  // The soak runs for minutes: only `npm run soak` (which sets SOAK_MINUTES) runs it; CI runs the fault suite's CI-sized rows.
  testPathIgnorePatterns: ['/node_modules/', ...(process.env.SOAK_MINUTES ? [] : ['soak\\.e2e\\.spec\\.ts$'])],
};
