/** data-testid values the e2e tests and users' own tests can rely on. */
export const TEST_IDS = {
  panel: 'trendcast-panel',
  chart: 'trendcast-chart',
  tooltip: 'trendcast-tooltip',
  tooltipRow: 'trendcast-tooltip-row',
  nowMarker: 'trendcast-now',
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
  lstmBacktest: 'trendcast-lstm-backtest',
} as const;
