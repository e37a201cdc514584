import { parseThresholds, resolveQuery, validateQuery } from './queryOptions';
import { TrendcastQuery, withQueryDefaults } from './types';

const query = (patch: Partial<TrendcastQuery> = {}) =>
  withQueryDefaults({
    refId: 'A',
    innerQuery: 'SELECT mean("v") FROM "disk" WHERE $timeFilter GROUP BY time($__interval)',
    ...patch,
  });

describe('validateQuery', () => {
  it('accepts the defaults with a query', () => {
    expect(validateQuery(query())).toEqual([]);
  });

  it('names each bad option', () => {
    expect(validateQuery(query({ innerQuery: '  ' }))[0]).toMatch(/^InfluxQL query: it is empty/);
    expect(validateQuery(query({ horizon: '2x' }))).toEqual([
      'horizon: "2x" is not a duration: use a number of steps (48) or a number and a unit (90s, 30m, 48h, 14d, 2w)',
    ]);
    expect(validateQuery(query({ horizon: '' }))[0]).toMatch(/^horizon: it is empty/);
    expect(validateQuery(query({ fitWindow: 'week' }))[0]).toMatch(/^fit window: "week" is not a duration/);
    expect(validateQuery(query({ confidence: 1.5 }))).toEqual(['confidence: 1.5 must be between 0 and 1 (e.g. 0.95)']);
    expect(validateQuery(query({ thresholds: [90, NaN] }))).toEqual([
      'thresholds: every threshold must be a finite number',
    ]);
    expect(validateQuery(query({ includeOriginal: false, includeForecast: false, includeCrossings: false }))).toEqual([
      'outputs: choose at least one of original, forecast, crossings',
    ]);
  });

  it('rejects an unknown model or direction from a hand-edited dashboard', () => {
    const bad = { ...query(), model: 'prophet', direction: 'up' } as unknown as TrendcastQuery;
    expect(validateQuery(bad)).toEqual([
      'model: "prophet" is not one of auto, linear, last-trend, last-trend-peaks, seasonal, rrd-predict, lstm',
      'direction: "up" is not one of auto, rising, falling',
    ]);
  });

  it('accepts the LSTM model, and checks its other options as for any model', () => {
    expect(validateQuery(query({ model: 'lstm' }))).toEqual([]);
    expect(validateQuery(query({ model: 'lstm', horizon: '2x' }))[0]).toMatch(/^horizon: "2x" is not a duration/);
  });
});

describe('resolveQuery', () => {
  it("resolves a good query's forecast options once: the horizon parsed, the query's other fields left out", () => {
    const resolved = resolveQuery(query({ horizon: '48h', fitWindow: '7d', thresholds: [80] }));
    expect(resolved).toEqual({
      options: {
        model: 'auto',
        horizon: '48h',
        fitWindow: '7d',
        confidence: 0.95,
        thresholds: [80],
        direction: 'auto',
        horizonSpan: { kind: 'ms', ms: 48 * 3_600_000 },
        fitWindowSpan: { kind: 'ms', ms: 7 * 86_400_000 },
      },
    });
  });

  it('gives the messages of a bad query instead', () => {
    expect(resolveQuery(query({ horizon: '2x', innerQuery: '' }))).toEqual({
      errors: [expect.stringMatching(/^InfluxQL query: it is empty/), expect.stringMatching(/^horizon: "2x"/)],
    });
  });
});

describe('parseThresholds', () => {
  it.each([
    ['90, 100', [90, 100]],
    ['90 100', [90, 100]],
    [' 0.5;1e2 ', [0.5, 100]],
    ['-5', [-5]],
    ['', []],
  ])('reads %j', (text, expected) => {
    expect(parseThresholds(text)).toEqual({ thresholds: expected });
  });

  it('names the entry that is not a number', () => {
    expect(parseThresholds('90, ninety')).toEqual({ error: '"ninety" is not a number' });
  });
});
