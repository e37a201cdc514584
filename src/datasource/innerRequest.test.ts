/**
 * @jest-environment jsdom
 */
import { dateTime } from '@grafana/data';

import { fakeServices, queryRequest } from './testing/fakeDataSource';
import { buildInnerRequest, innerTimeRange } from './innerRequest';
import { TrendcastQuery, withQueryDefaults } from './types';

const HOUR = 3_600_000;
const NOW = Date.UTC(2024, 5, 30, 12, 0, 0);
const INNER = { type: 'influxdb', uid: 'influx' };
const interpolate = fakeServices({}, NOW).interpolate;

describe('innerTimeRange', () => {
  const range = (from: number, to: number) => ({
    from: dateTime(from),
    to: dateTime(to),
    raw: { from: 'now-30d', to: 'now+14d' },
  });

  it('brings a future end back to now, raw end "now"', () => {
    const r = innerTimeRange(range(NOW - 720 * HOUR, NOW + 336 * HOUR), NOW);
    expect('range' in r && [r.range.from.valueOf(), r.range.to.valueOf(), r.range.raw.from, r.range.raw.to]).toEqual([
      NOW - 720 * HOUR,
      NOW,
      'now-30d',
      'now',
    ]);
  });

  it('keeps a range that ends in the past', () => {
    const original = range(NOW - 48 * HOUR, NOW - HOUR);
    expect(innerTimeRange(original, NOW)).toEqual({ range: original });
  });

  it('refuses a range that starts in the future', () => {
    const r = innerTimeRange(range(NOW + HOUR, NOW + 48 * HOUR), NOW);
    expect('error' in r && r.error).toMatch(/^the time range starts in the future/);
  });
});

describe('buildInnerRequest', () => {
  const q = (refId: string, innerQuery: string): TrendcastQuery => withQueryDefaults({ refId, innerQuery });

  it('sends one raw InfluxQL target per query, with variables replaced and macros kept', () => {
    const request = queryRequest(
      [q('A', 'x')],
      { from: NOW - 720 * HOUR, to: NOW + 336 * HOUR },
      {
        scopedVars: {
          host: { text: 'db1', value: 'db1' },
          __interval: { text: '1h', value: '1h' },
          __interval_ms: { text: '3600000', value: 3600000 },
        },
        panelId: 4,
        dashboardUID: 'trendcast-capacity',
      }
    );
    const queries = [
      q(
        'A',
        `SELECT mean("used_percent") FROM "disk" WHERE "host" = '$host' AND $timeFilter GROUP BY time($__interval) fill(null)`
      ),
      q('B', 'SELECT max("usage_percent") FROM "cpu" WHERE $timeFilter GROUP BY time($__interval_ms)'),
    ];
    const built = buildInnerRequest(request, queries, INNER, interpolate, NOW);
    if (!('request' in built)) {
      throw new Error(built.error);
    }
    const r = built.request;
    expect(r.targets).toEqual([
      {
        refId: 'A',
        datasource: INNER,
        query: `SELECT mean("used_percent") FROM "disk" WHERE "host" = 'db1' AND $timeFilter GROUP BY time($__interval) fill(null)`,
        rawQuery: true,
        resultFormat: 'time_series',
      },
      {
        refId: 'B',
        datasource: INNER,
        query: 'SELECT max("usage_percent") FROM "cpu" WHERE $timeFilter GROUP BY time($__interval_ms)',
        rawQuery: true,
        resultFormat: 'time_series',
      },
    ]);
    expect(r.range.to.valueOf()).toBe(NOW);
    expect(r.rangeRaw?.to).toBe('now');
    // The request's interval, scoped variables and ids reach the inner data source unchanged.
    expect([r.interval, r.intervalMs, r.maxDataPoints, r.panelId, r.dashboardUID]).toEqual([
      '1h',
      HOUR,
      1000,
      4,
      'trendcast-capacity',
    ]);
    expect(r.scopedVars).toBe(request.scopedVars);
    expect(r.requestId).toBe('Q100-inner');
  });

  it('returns the range error instead of a request', () => {
    const request = queryRequest([q('A', 'x')], { from: NOW + HOUR, to: NOW + 2 * HOUR });
    expect(buildInnerRequest(request, [q('A', 'x')], INNER, interpolate, NOW)).toHaveProperty('error');
  });
});
