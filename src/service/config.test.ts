import { ConfigError, credentialsFromEnv, parseConfig } from './config';

const GOOD = `influxdb:
  url: http://127.0.0.1:8086
  database: telegraf
every: 1h
jobs:
  - name: disk
    query: SELECT mean("used_percent") FROM "disk" WHERE $timeFilter GROUP BY time(10m), "host" fill(none)
    range: 30d
    model: auto
    horizon: 30d
    thresholds: [90, 100]
`;

/** The key a bad configuration is refused for. */
function keyOf(text: string): string {
  try {
    parseConfig(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).key;
  }
  throw new Error('the configuration was accepted');
}

describe('parseConfig', () => {
  it('reads the documented example with its defaults', () => {
    const c = parseConfig(GOOD);
    expect(c.influxdb).toEqual({ url: 'http://127.0.0.1:8086', database: 'telegraf', retentionPolicy: '' });
    expect(c.everyMs).toBe(3_600_000);
    expect(c.batchSize).toBe(5000);
    expect(c.retry).toEqual({ attempts: 6, initialDelayMs: 1000, maxDelayMs: 30_000, timeoutMs: 120_000 });
    expect(c.driftLookbackMs).toBe(7_200_000);
    expect(c.jobs).toHaveLength(1);
    expect(c.jobs[0]).toMatchObject({ name: 'disk', rangeMs: 30 * 86_400_000, interval: null, autoLstm: true });
    expect(c.jobs[0].request).toEqual({
      model: 'auto',
      horizon: '30d',
      fitWindow: '',
      confidence: 0.95,
      thresholds: [90, 100],
      direction: 'auto',
      horizonSpan: { kind: 'ms', ms: 30 * 86_400_000 },
      fitWindowSpan: null,
    });
  });

  it('names the key of each mistake', () => {
    expect(keyOf(GOOD.replace('every: 1h', 'every: soon'))).toBe('every');
    expect(keyOf(GOOD.replace('every: 1h', 'evrey: 1h'))).toBe('evrey');
    expect(keyOf(GOOD.replace('    horizon: 30d\n', ''))).toBe('jobs[0].horizon');
    expect(keyOf(GOOD.replace('horizon: 30d', 'horizon: 30 days'))).toBe('jobs[0].horizon');
    expect(keyOf(GOOD.replace('model: auto', 'model: prophet'))).toBe('jobs[0].model');
    expect(keyOf(GOOD.replace('[90, 100]', '[90, high]'))).toBe('jobs[0].thresholds');
    expect(keyOf(GOOD.replace('http://127.0.0.1:8086', 'ftp://db'))).toBe('influxdb.url');
    expect(keyOf(GOOD.replace('  database: telegraf\n', ''))).toBe('influxdb.database');
    expect(keyOf(GOOD.replace('database: telegraf', 'database: telegraf\n  password: secret'))).toBe(
      'influxdb.password'
    );
    expect(keyOf(GOOD.replace('WHERE $timeFilter', 'WHERE time > now() - 1d'))).toBe('jobs[0].query');
    expect(keyOf(GOOD.replace('range: 30d', 'range: 30d\n    fitWindow: x'))).toBe('jobs[0].fitWindow');
    expect(keyOf(GOOD.replace('range: 30d', 'range: 30d\n    lstm: { epochs: 0 }'))).toBe('jobs[0].lstm.epochs');
    expect(keyOf(GOOD.replace('range: 30d', 'range: 30d\n    lstm: { auto: no }'))).toBe('jobs[0].lstm.auto');
    expect(keyOf(GOOD.replace('every: 1h', 'batchSize: 0'))).toBe('batchSize');
    expect(keyOf(GOOD.replace('every: 1h', 'retry: { attempts: 2.5 }'))).toBe('retry.attempts');
    expect(keyOf(GOOD.replace('GROUP BY time(10m)', 'GROUP BY time($__interval)'))).toBe('jobs[0].interval');
    expect(keyOf(GOOD + GOOD.slice(GOOD.indexOf('  - name')))).toBe('jobs[1].name');
    expect(keyOf('influxdb: [\n')).toBe('(file)');
    expect(keyOf(GOOD.replace(/jobs:[\s\S]*/, 'jobs: []'))).toBe('jobs');
  });

  it('reads lstm.auto: false (auto keeps to the statistical models)', () => {
    const c = parseConfig(GOOD.replace('range: 30d', 'range: 30d\n    lstm: { auto: false, epochs: 5 }'));
    expect(c.jobs[0].autoLstm).toBe(false);
    expect(c.jobs[0].lstm).toMatchObject({ lstmEpochs: 5 });
  });

  it('fills $__interval from the job', () => {
    const c = parseConfig(
      GOOD.replace('GROUP BY time(10m)', 'GROUP BY time($__interval)').replace(
        'range: 30d',
        'range: 30d\n    interval: 10m'
      )
    );
    expect(c.jobs[0].interval).toBe('10m');
  });
});

describe('credentialsFromEnv', () => {
  it('prefers a token, then user and password, else none', () => {
    expect(credentialsFromEnv({ TRENDCAST_INFLUX_TOKEN: 't', TRENDCAST_INFLUX_USERNAME: 'u' })).toEqual({
      kind: 'token',
      token: 't',
    });
    expect(credentialsFromEnv({ TRENDCAST_INFLUX_USERNAME: 'u', TRENDCAST_INFLUX_PASSWORD: 'p' })).toEqual({
      kind: 'basic',
      username: 'u',
      password: 'p',
    });
    expect(credentialsFromEnv({})).toEqual({ kind: 'none' });
    expect(() => credentialsFromEnv({ TRENDCAST_INFLUX_PASSWORD: 'p' })).toThrow(/TRENDCAST_INFLUX_USERNAME/);
  });
});
