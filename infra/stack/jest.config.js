// End-to-end tests run every workspace from its sources (through swc), so they
// never test a stale dist/ of another package.
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
const at = (dir) => path.join(root, dir, 'src/index.ts');
module.exports = {
  ...require('../../jest.preset.js'),
  rootDir: __dirname,
  moduleNameMapper: {
    '^@linli/(platform|events|subgraph-kit|testing)$': path.join(root, 'packages/$1/src/index.ts'),
    '^@linli/(organisations|grids|tickets|evaluations)$': path.join(root, 'services/$1/src/index.ts'),
    '^@linli/gateway$': at('gateway'),
  },
};
