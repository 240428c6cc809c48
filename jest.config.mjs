// ES modules end to end: @swc/jest strips types (tsc --noEmit checks them separately).
const swc = ['@swc/jest', { jsc: { target: 'es2024', parser: { syntax: 'typescript' } }, module: { type: 'es6' } }];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.cache/'],
  // Downloads, builds and copies of the tree live under .cache: their packages must not shadow the workspaces.
  modulePathIgnorePatterns: ['<rootDir>/.cache/'],
  globalSetup: '<rootDir>/tests/harness/global-setup.ts',
  // Most integration files spend their time waiting for the broker, a consumer group or a
  // restarted process, not computing: two files at a time, even on two cores. Jest's default
  // (cores - 1) would run them one after the other there.
  maxWorkers: 2,
  testSequencer: '<rootDir>/tests/harness/longest-first.mjs',
  // Integration tests share two cores with Kafka, FerretDB and Keycloak: a slow run is not a failure.
  testTimeout: 180000,
};
