/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'allure-jest/node',
  testEnvironmentOptions: { resultsDir: 'allure-results', environmentInfo: { node: process.version } },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // isolatedModules: type-checking is `npm run typecheck`'s job; this keeps the test run fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/tools/summary-reporter.js'],
};
