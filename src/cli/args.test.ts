import { parseForecastArgs, USAGE, UsageError } from './args';

const base = ['--input', 'a.csv', '--model', 'lstm'];

function usageError(argv: string[]): string {
  try {
    parseForecastArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`no UsageError for ${argv.join(' ')}`);
}

describe('parseForecastArgs: LSTM flags', () => {
  it('leaves them absent by default (the model then uses its defaults)', () => {
    const args = parseForecastArgs(base);
    expect([args.lookBack, args.epochs, args.fineTuneEpochs, args.driftLimit, args.driftAbs]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('parses good values, separate or with =', () => {
    const args = parseForecastArgs([
      ...base,
      '--look-back',
      '48',
      '--epochs=5',
      '--fine-tune-epochs',
      '0',
      '--drift-limit',
      '3.5',
      '--drift-abs=10',
    ]);
    expect(args).toMatchObject({ lookBack: 48, epochs: 5, fineTuneEpochs: 0, driftLimit: 3.5, driftAbs: 10 });
    expect(parseForecastArgs([...base, '--look-back', '0', '--drift-abs', '0.25'])).toMatchObject({
      lookBack: 0,
      driftAbs: 0.25,
    });
  });

  it.each([
    [['--look-back', '-1'], '--look-back -1: must be a whole number ≥ 0'],
    [['--look-back', '2.5'], '--look-back 2.5: must be a whole number ≥ 0'],
    [['--look-back', 'auto'], '--look-back auto: must be a whole number ≥ 0'],
    [['--epochs', '0'], '--epochs 0: must be a whole number ≥ 1'],
    [['--epochs', '1e3'], '--epochs 1e3: must be a whole number ≥ 1'],
    [['--epochs='], '--epochs : must be a whole number ≥ 1'],
    [['--fine-tune-epochs', '-3'], '--fine-tune-epochs -3: must be a whole number ≥ 0'],
    [['--drift-limit', '0'], '--drift-limit 0: must be a number > 0'],
    [['--drift-limit', 'high'], '--drift-limit high: must be a number > 0'],
    [['--drift-limit', 'Infinity'], '--drift-limit Infinity: must be a number > 0'],
    [['--drift-abs', '-10'], '--drift-abs -10: must be a number > 0'],
    [['--drift-abs', ''], '--drift-abs : must be a number > 0'],
    [['--drift-abs'], '--drift-abs needs a value'],
    [['--jobs', '0'], '--jobs 0: must be a whole number ≥ 1'],
    [['--jobs', '1.5'], '--jobs 1.5: must be a whole number ≥ 1'],
    [['--jobs', '100000'], '--jobs 100000: at most 256 threads'],
    [['--jobs'], '--jobs needs a value'],
  ])('refuses %j with a one-line message naming the flag', (flags, message) => {
    const text = usageError([...base, ...flags]);
    expect(text.startsWith(message)).toBe(true);
    expect(text.split('\n')).toHaveLength(1);
  });

  it('documents every LSTM flag in the usage text', () => {
    for (const flag of ['--look-back N', '--epochs N', '--fine-tune-epochs N', '--drift-limit X', '--drift-abs X']) {
      expect(USAGE).toContain(flag);
    }
  });
});

describe('parseForecastArgs: friendly flags', () => {
  it('takes the input file as a positional argument or --input, not both', () => {
    expect(parseForecastArgs(['disk.csv']).input).toBe('disk.csv');
    expect(parseForecastArgs(['-']).input).toBe('-');
    expect(parseForecastArgs(['--input', 'disk.csv']).input).toBe('disk.csv');
    expect(usageError(['a.csv', 'b.csv'])).toBe('one input file only, found a.csv and b.csv');
    expect(usageError([])).toMatch(/^no input: give a file/);
  });

  it('reads 90% as 90 (and says so in text), negative thresholds and 95% confidence', () => {
    const args = parseForecastArgs(['d.csv', '--threshold', '90%', '--threshold', '-5', '--confidence', '80%']);
    expect(args.thresholds).toEqual([90, -5]);
    expect(args.percentThresholds).toBe(true);
    expect(args.confidence).toBeCloseTo(0.8, 12);
    expect(parseForecastArgs(['d.csv', '--threshold', '90']).percentThresholds).toBe(false);
    expect(usageError(['d.csv', '--threshold', 'full'])).toBe('--threshold full: not a number (e.g. 90 or 90%)');
  });

  it('takes --jobs as a count of threads, absent when not given (one per core)', () => {
    expect(parseForecastArgs(['d.csv', '--jobs', '3']).jobs).toBe(3);
    expect(parseForecastArgs(['d.csv', '--jobs=1']).jobs).toBe(1);
    expect(parseForecastArgs(['d.csv']).jobs).toBeUndefined();
    expect(USAGE).toContain('--jobs N');
  });

  it('takes model, format and other names in any case', () => {
    const args = parseForecastArgs([
      'd.csv',
      '--model',
      'Last-Trend',
      '--format',
      'NDJSON',
      '--direction',
      'Rising',
      '--time-unit',
      'MS',
    ]);
    expect(args).toMatchObject({ model: 'last-trend', format: 'ndjson', direction: 'rising', timeUnit: 'ms' });
  });

  it.each([
    ['--treshold', 'unknown option --treshold; did you mean --threshold?'],
    ['--horizn', 'unknown option --horizn; did you mean --horizon?'],
    ['--fitwindow', 'unknown option --fitwindow; did you mean --fit-window?'],
    ['--timeunit', 'unknown option --timeunit; did you mean --time-unit?'],
    ['--colour', 'unknown option --colour (trendcast forecast --help lists them)'],
  ])('suggests the closest flag for %s', (flag, message) => {
    expect(usageError(['d.csv', flag, '1'])).toMatch(new RegExp(`^${message.replace(/[?()]/g, '\\$&')}`));
  });

  it.each([
    [['d.csv', '--horizon'], '--horizon needs a value'],
    [['d.csv', '--retrain=yes'], '--retrain takes no value'],
    [['d.csv', '--format', 'xml'], '--format xml: choose one of json, ndjson, csv, text'],
    [['d.csv', '--output', 'dates'], '--output dates: choose one of forecast, crossings'],
    [['d.csv', '--time-unit', 'h'], '--time-unit h: choose one of s, ms, us, ns'],
    [['d.csv', '--confidence', '150%'], '--confidence 150%: must be between 0 and 1'],
  ])('refuses %j in one line naming the flag', (argv, message) => {
    const text = usageError(argv);
    expect(text.startsWith(message)).toBe(true);
    expect(text.split('\n')).toHaveLength(1);
  });

  it('has examples, input forms and exit codes in --help, and no jargon', () => {
    expect(USAGE).toContain('Examples:');
    expect(USAGE).toContain('trendcast forecast disk.csv --threshold 90% --horizon 30d');
    expect(USAGE).toContain('InfluxDB 2.x annotated CSV');
    expect(USAGE).toContain('Exit codes:');
    expect(USAGE).not.toMatch(/seed|Kapacitor|sd at/i);
    for (const line of USAGE.split('\n')) {
      expect(line.length).toBeLessThanOrEqual(100);
    }
  });
});
