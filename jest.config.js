/**
 * Test layers: unit (engine, no n8n), nodes (our nodes inside n8n-core's WorkflowExecute) and e2e
 * (the packed package in a real n8n 2.x via its CLI, against the fake providers reached through the
 * routing proxy; no root; the first run installs n8n into the cache, about 4 minutes).
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];
// Hang guards, not speed checks: jest's 5 s default failed an in-process n8n test on a loaded 2-core CI
// machine (n8n-core's first workflow run in a worker loads a lot). Speed is measured by `npm run bench`.
const HANG_GUARD_MS = 120_000;
module.exports = {
  testTimeout: HANG_GUARD_MS, // e2e raises it further in test/e2e/setup.ts
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/unit'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'nodes',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/nodes'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'],
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
  ],
};
