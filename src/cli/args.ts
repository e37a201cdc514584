import { ThresholdDirection } from '../engine/crossings';
import { DEFAULT_DRIFT_POLICY, DEFAULT_LSTM_CONFIG } from '../models/lstm/lstmConfig';
import { MODEL_CHOICES, ModelChoice } from '../models/types';

export interface ForecastArgs {
  input: string;
  model: ModelChoice;
  horizon: string;
  fitWindow: string;
  thresholds: number[];
  confidence: number;
  direction: ThresholdDirection;
  format: 'json' | 'csv';
  /** LSTM weight cache folder ('' = no cache: train on every run). */
  cacheDir: string;
  /** LSTM: ignore cached weights and train from scratch. */
  retrain: boolean;
  /** LSTM: look-back in steps (0 = the seasonal period); absent = default. */
  lookBack?: number;
  /** LSTM: epochs of a cold training; absent = default. */
  epochs?: number;
  /** LSTM: epochs of a fine-tune; absent = default. */
  fineTuneEpochs?: number;
  /** LSTM: relative drift limit; absent = default. */
  driftLimit?: number;
  /** LSTM: drift limit in the series' units; absent = off. */
  driftAbs?: number;
}

export class UsageError extends Error {}

export const USAGE = `usage: trendcast forecast --input FILE.csv|- [options]

  --input FILE       CSV with a header: timestamp,value  or  series,timestamp,value
                     (timestamps ISO-8601 or Unix seconds; "-" reads standard input)
  --model NAME       auto | linear | last-trend | last-trend-seed | seasonal | rrd-predict | lstm   (default auto)
  --horizon SPAN     how far ahead: steps (48) or a duration (7d, 48h)   (default 7d)
  --fit-window SPAN  fit only the last part of the data (default: all of it)
  --threshold N      a threshold to date; repeat for several
  --direction D      auto | rising | falling: thresholds as upper or lower limits (default auto)
  --confidence C     interval level in (0, 1)                             (default 0.95)
  --format F         json | csv                                           (default json)
  --cache-dir DIR    lstm: keep trained weights in DIR between runs; later runs forecast from
                     them and fine-tune on the new points only (retrain when the forecast drifts)
  --retrain          lstm: ignore the cached weights and train from scratch
  --look-back N      lstm: steps of history per prediction; 0 = the seasonal period
                     (default ${DEFAULT_LSTM_CONFIG.lookBack})
  --epochs N         lstm: epochs of a training from scratch, per network (default ${DEFAULT_LSTM_CONFIG.epochs})
  --fine-tune-epochs N
                     lstm: epochs of the fine-tune on new points; 0 = none (default ${DEFAULT_LSTM_CONFIG.fineTuneEpochs})
  --drift-limit X    lstm: retrain when mean |actual - previous forecast| / the model's own error
                     sd at that step exceeds X (about 0.8 for a model as good as its band says)
                     (default ${DEFAULT_DRIFT_POLICY.relativeLimit})
  --drift-abs X      lstm: also retrain when mean |actual - previous forecast| exceeds X, in the
                     series' units (the seed's Kapacitor rule used 10)    (default: off)
`;

/**
 * A whole number ≥ `min` for `flag` (digits only: `1e3`, `2.5` and `-1` are refused), or a
 * UsageError naming the flag and the value.
 */
function wholeNumber(flag: string, v: string, min: number, what: string): number {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${flag} ${v}: must be a whole number ≥ ${min} (${what})`);
  }
  return n;
}

/** A finite number > 0 for `flag`, or a UsageError naming the flag and the value. */
function positiveNumber(flag: string, v: string, what: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} ${v}: must be a number > 0 (${what})`);
  }
  return n;
}

/** Parses `forecast` arguments; throws UsageError with a one-line message. */
export function parseForecastArgs(argv: string[]): ForecastArgs {
  const args: ForecastArgs = {
    input: '',
    model: 'auto',
    horizon: '7d',
    fitWindow: '',
    thresholds: [],
    confidence: 0.95,
    direction: 'auto',
    format: 'json',
    cacheDir: '',
    retrain: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const [name, inline] = flag.startsWith('--') && flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) {
        throw new UsageError(`${name} needs a value`);
      }
      return v;
    };
    switch (name) {
      case '--input':
        args.input = value();
        break;
      case '--model': {
        const m = value();
        if (!(MODEL_CHOICES as readonly string[]).includes(m)) {
          throw new UsageError(`--model ${m}: choose one of ${MODEL_CHOICES.join(', ')}`);
        }
        args.model = m as ModelChoice;
        break;
      }
      case '--horizon':
        args.horizon = value();
        break;
      case '--fit-window':
        args.fitWindow = value();
        break;
      case '--threshold': {
        const v = value();
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n)) {
          throw new UsageError(`--threshold ${v}: not a number`);
        }
        args.thresholds.push(n);
        break;
      }
      case '--confidence': {
        const v = value();
        const c = Number(v);
        if (!(c > 0 && c < 1)) {
          throw new UsageError(`--confidence ${v}: must be between 0 and 1, e.g. 0.95`);
        }
        args.confidence = c;
        break;
      }
      case '--direction': {
        const d = value();
        if (d !== 'auto' && d !== 'rising' && d !== 'falling') {
          throw new UsageError(`--direction ${d}: choose auto, rising or falling`);
        }
        args.direction = d;
        break;
      }
      case '--format': {
        const f = value();
        if (f !== 'json' && f !== 'csv') {
          throw new UsageError(`--format ${f}: choose json or csv`);
        }
        args.format = f;
        break;
      }
      case '--cache-dir':
        args.cacheDir = value();
        break;
      case '--retrain':
        args.retrain = true;
        break;
      case '--look-back':
        args.lookBack = wholeNumber(name, value(), 0, 'steps; 0 = the seasonal period');
        break;
      case '--epochs':
        args.epochs = wholeNumber(name, value(), 1, 'epochs of a training from scratch');
        break;
      case '--fine-tune-epochs':
        args.fineTuneEpochs = wholeNumber(name, value(), 0, 'epochs of a fine-tune; 0 = none');
        break;
      case '--drift-limit':
        args.driftLimit = positiveNumber(name, value(), 'relative drift, e.g. 2.5');
        break;
      case '--drift-abs':
        args.driftAbs = positiveNumber(name, value(), "drift in the series' units, e.g. 10");
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (!args.input) {
    throw new UsageError('--input is required');
  }
  return args;
}
