import { ThresholdDirection } from '../engine/crossings';
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
}

export class UsageError extends Error {}

export const USAGE = `usage: trendcast forecast --input FILE.csv|- [options]

  --input FILE       CSV with a header: timestamp,value  or  series,timestamp,value
                     (timestamps ISO-8601 or Unix seconds; "-" reads standard input)
  --model NAME       auto | linear | last-trend | seasonal | rrd-predict | lstm   (default auto)
  --horizon SPAN     how far ahead: steps (48) or a duration (7d, 48h)   (default 7d)
  --fit-window SPAN  fit only the last part of the data (default: all of it)
  --threshold N      a threshold to date; repeat for several
  --direction D      auto | rising | falling: thresholds as upper or lower limits (default auto)
  --confidence C     interval level in (0, 1)                             (default 0.95)
  --format F         json | csv                                           (default json)
  --cache-dir DIR    lstm: keep trained weights in DIR between runs; later runs forecast from
                     them and fine-tune on the new points only (retrain when the forecast drifts)
  --retrain          lstm: ignore the cached weights and train from scratch
`;

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
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (!args.input) {
    throw new UsageError('--input is required');
  }
  return args;
}
