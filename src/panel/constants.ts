/** data-testid values the e2e tests and users' own tests can rely on. */
export const TEST_IDS = {
  panel: 'trendcast-panel',
  chart: 'trendcast-chart',
  series: 'trendcast-series',
  forecastLine: 'trendcast-forecast-line',
  band: 'trendcast-band',
  threshold: 'trendcast-threshold',
  crossingMarker: 'trendcast-crossing-marker',
  crossingSummary: 'trendcast-crossing-summary',
  crossingLine: 'trendcast-crossing-line',
  problem: 'trendcast-series-problem',
  toggleForecast: 'trendcast-toggle-forecast',
  toggleBand: 'trendcast-toggle-band',
  toggleCrossings: 'trendcast-toggle-crossings',
  lstmProgress: 'trendcast-lstm-progress',
  lstmStatus: 'trendcast-lstm-status',
  lstmRetrain: 'trendcast-lstm-retrain',
} as const;
