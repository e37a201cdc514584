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
