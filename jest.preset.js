// One jest preset for every workspace. swc transpiles (no type-check: CI runs
// `tsc --noEmit` separately); decorators need legacy mode and metadata for
// type-graphql and MikroORM.
const fs = require('node:fs');
const path = require('node:path');

// Every workspace under packages/ and services/ by its folder name: a new service needs no entry here.
const under = (dir) => fs.readdirSync(path.join(__dirname, dir)).filter((d) => fs.existsSync(path.join(__dirname, dir, d, 'src', 'index.ts')));

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
    [`^@linli/(${under('packages').join('|')})$`]: path.join(__dirname, 'packages/$1/src/index.ts'),
    [`^@linli/(${under('services').join('|')})$`]: path.join(__dirname, 'services/$1/src/index.ts'),
    '^@linli/gateway$': path.join(__dirname, 'gateway/src/index.ts'),
  },
  // Integration suites start servers and NATS connections: a short grace for
  // their teardown, and never a silent hang on CI.
  testTimeout: 30_000,
  forceExit: false,
};
