import { memoryIo } from './memoryIo';
import { runCliAsync } from './run';

async function run(argv: string[], files: Record<string, string>) {
  const io = memoryIo(files);
  return io.result(await runCliAsync(argv, io));
}

// Disk at 50% growing 1%/h from 2024-01-01T00:00Z: reaches 90% at 40 h = 2024-01-02T16:00Z.
const hourly = [
  'timestamp,value',
  ...Array.from({ length: 24 }, (_, i) => `${1704067200 + 3600 * i},${50 + i + (i % 2 ? 0.05 : -0.05)}`),
].join('\n');

describe('trendcast forecast', () => {
  it('prints the JSON contract with ISO times and crossing dates', async () => {
    const r = await run(
      [
        'forecast',
        '--input',
        'd.csv',
        '--model',
        'linear',
        '--horizon',
        '48',
        '--threshold',
        '90',
        '--threshold',
        '1000',
      ],
      { 'd.csv': hourly }
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const s = json.series[0];
    expect(s).toMatchObject({ name: 'value', model: 'linear', step: 3600 });
    expect(s.forecast).toHaveLength(48);
    expect(s.forecast[0].time).toBe('2024-01-02T00:00:00.000Z');
    expect(s.forecast[0].value).toBeCloseTo(74, 1);
    expect(s.forecast[0].lower).toBeLessThan(s.forecast[0].value);
    const [c90, c1000] = s.crossings;
    expect(c90.direction).toBe('rising');
    expect(Math.abs(Date.parse(c90.time) - Date.parse('2024-01-02T16:00:00Z'))).toBeLessThan(10 * 60_000);
    expect(Date.parse(c90.earliest)).toBeLessThanOrEqual(Date.parse(c90.time));
    expect(c1000).toMatchObject({ time: null, earliest: null, latest: null, status: 'not-within-horizon' });
  });

  it('reads several series, ISO timestamps and writes CSV', async () => {
    const csv =
      'series,timestamp,value\na,2024-01-01T00:00:00Z,1\na,2024-01-01T01:00:00Z,2\na,2024-01-01T02:00:00Z,3\nb,2024-01-01T00:00:00Z,5\n';
    const r = await run(['forecast', '--input', 'x.csv', '--model', 'linear', '--horizon', '2h', '--format', 'csv'], {
      'x.csv': csv,
    });
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('series,time,value,lower,upper');
    expect(lines[1]).toMatch(/^a,2024-01-01T03:00:00.000Z,4(\.0+\d*)?,/);
    expect(lines).toHaveLength(3); // b has one point: no forecast rows
  });

  it('reports a too-short series in the JSON instead of failing', async () => {
    const r = await run(['forecast', '--input', 'x.csv'], { 'x.csv': 'timestamp,value\n0,1\n' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).series[0].problem.code).toBe('too-few-points');
  });

  it.each([
    ['timestamp,value\n0,1\n60,abc\n', 'line 3, column 2: "abc" is not a number'],
    ['timestamp,value\n0,1\nyesterday,2\n', 'line 3, column 1: "yesterday" is not a timestamp'],
    ['timestamp,value\n0,1\n60\n', 'line 3, column 2: expected 2 columns, found 1'],
    ['when,what\n0,1\n', 'line 1, column 1: the header must be'],
    ['timestamp,value\n', 'line 2, column 1: the file has a header but no data rows'],
  ])('exits 2 with one line naming the place of bad input (%#)', async (csv, message) => {
    const r = await run(['forecast', '--input', 'bad.csv'], { 'bad.csv': csv });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['forecast'], 'no input: give a file'],
    [['forecast', '--input', 'a.csv', '--model', 'magic'], '--model magic: choose one of auto, linear'],
    [['forecast', '--input', 'a.csv', '--confidence', '95'], '--confidence 95: must be between 0 and 1'],
    [['forecast', '--input', 'a.csv', '--horizon', 'soon'], 'horizon: "soon" is not a duration'],
    [['forecast', '--input', 'missing.csv'], 'cannot read missing.csv'],
    [['predict'], 'unknown command "predict"'],
    [
      ['forecast', '--input', 'a.csv', '--model', 'lstm', '--look-back', '-24'],
      '--look-back -24: must be a whole number',
    ],
    [['forecast', '--input', 'a.csv', '--model', 'lstm', '--epochs', 'ten'], '--epochs ten: must be a whole number'],
    [['forecast', '--input', 'a.csv', '--fine-tune-epochs', '1.5'], '--fine-tune-epochs 1.5: must be a whole number'],
    [['forecast', '--input', 'a.csv', '--drift-limit', '-1'], '--drift-limit -1: must be a number > 0'],
    [['forecast', '--input', 'a.csv', '--drift-abs', 'off'], '--drift-abs off: must be a number > 0'],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const r = await run(argv, { 'a.csv': hourly });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('trendcast help and version', () => {
  it('prints the usage on stderr and exits 2 without a command; on stdout with --help', async () => {
    const none = await run([], {});
    expect(none.code).toBe(2);
    expect(none.out).toBe('');
    expect(none.err).toMatch(/^usage: trendcast forecast FILE.csv\|- \[options\]/);
    const help = await run(['forecast', '--help'], {});
    expect(help).toEqual({ code: 0, out: none.err, err: '' });
  });

  it('prints the version', async () => {
    expect(await run(['--version'], {})).toEqual({ code: 0, out: 'trendcast 9.9.9\n', err: '' });
    expect(await run(['forecast', 'x.csv', '-V'], {})).toEqual({ code: 0, out: 'trendcast 9.9.9\n', err: '' });
  });
});
