/** @type {import('jest').Config} */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};
const ESM_PACKAGES = 'htmlparser2|entities|domhandler|domelementtype|domutils|dom-serializer';
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    // htmlparser2 12 and its helpers ship ES modules only: compile them to CommonJS for Jest
    // (Node itself loads them through require(esm)).
    [`/node_modules/(?:${ESM_PACKAGES})/.+\\.js$`]: ['@swc/jest', swc],
  },
  transformIgnorePatterns: [`/node_modules/(?!(?:${ESM_PACKAGES})/)`],
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
  // Integration suites share one MariaDB database; keep files in separate workers but bounded.
  maxWorkers: 2,
};
