/** data-testid values of the data source's editors, for e2e tests and users' own tests. */
export const TEST_IDS = {
  configEditor: 'trendcast-ds-config-editor',
  queryEditor: 'trendcast-ds-query-editor',
  innerQuery: 'trendcast-ds-inner-query',
  horizon: 'trendcast-ds-horizon',
  thresholds: 'trendcast-ds-thresholds',
  lstmOptions: 'trendcast-ds-lstm-options',
} as const;
