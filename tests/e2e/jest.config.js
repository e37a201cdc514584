// End-to-end tests: the built plugin (dist/) loaded by SystemJS into a real headless Chromium, with
// data from a real influxd. Run with `npm run e2e` (jest -c tests/e2e/jest.config.js --runInBand).
const path = require('path');

// The root config sets TZ=UTC and carries the swc transform of the create-plugin layout.
const root = require('../../jest.config.js');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  transform: root.transform,
  transformIgnorePatterns: root.transformIgnorePatterns,
  moduleNameMapper: root.moduleNameMapper,
  testEnvironment: '<rootDir>/tests/e2e/nodeWithDomEnvironment.js',
  testMatch: ['<rootDir>/tests/e2e/**/*.spec.ts'],
  testTimeout: 120000,
  globalSetup: '<rootDir>/tests/e2e/globalSetup.ts',
};
