// One jest preset for every workspace. swc transpiles (no type-check: CI runs
// `tsc --noEmit` separately); decorators need legacy mode and metadata for
// type-graphql and MikroORM.
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // type-graphql and MikroORM read decorator metadata (index.ts of the kit imports it at run time).
  setupFiles: [require.resolve('reflect-metadata')],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts', '<rootDir>/e2e/**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Tests run sibling workspaces from their sources, never from a stale dist/.
  moduleNameMapper: {
    '^@linli/(platform|events|subgraph-kit|testing)$': path.join(__dirname, 'packages/$1/src/index.ts'),
    '^@linli/(organisations|grids|tickets|evaluations)$': path.join(__dirname, 'services/$1/src/index.ts'),
    '^@linli/gateway$': path.join(__dirname, 'gateway/src/index.ts'),
  },
  // Integration suites start servers and NATS connections: a short grace for
  // their teardown, and never a silent hang on CI.
  testTimeout: 30_000,
  forceExit: false,
};
