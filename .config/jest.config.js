/** Base jest config, in the shape create-plugin generates: swc transpiles TypeScript, CSS is stubbed. */
module.exports = {
  moduleNameMapper: {
    '\\.(css|scss|sass)$': 'identity-obj-proxy',
  },
  modulePaths: ['<rootDir>/src'],
  setupFilesAfterEnv: ['<rootDir>/.config/jest-setup.js'],
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/src/**/*.test.{ts,tsx}',
    '<rootDir>/tests/integration/**/*.test.ts',
    '<rootDir>/tests/provisioning/**/*.test.ts',
  ],
  transform: {
    '^.+\\.(t|j)sx?$|^.+\\.mjs$': [
      '@swc/jest',
      {
        sourceMaps: 'inline',
        jsc: {
          parser: { syntax: 'typescript', tsx: true, decorators: false, dynamicImport: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2021',
        },
      },
    ],
  },
  // Grafana's packages ship ESM pieces that must be transformed too.
  transformIgnorePatterns: ['node_modules/(?!(ol|d3|d3-.*|delaunator|robust-predicates|internmap|marked|@grafana/schema/dist/esm)/)'],
};
