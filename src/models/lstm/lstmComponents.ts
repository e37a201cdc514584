/**
 * The sequences the networks model. Decomposed variant: statsmodels-style additive decomposition
 * (engine/stats/decompose.ts) with the trend extrapolated to both edges by a straight line over
 * one period (extrapolate_trend='freq'), so every row has all three components and nothing is
 * shifted back by half the filter width as in the seed. The seasonal component follows the cycle
 * as it changes (the median of a few cycles per phase, not one figure for the whole series), and its
 * network models the change from one period earlier: a network that learnt nothing then forecasts
 * the last cycle again, the seasonal naive forecast, and what it learns departs from there
 * (M4 Hourly: docs/benchmarks.md, "LSTM"). The trend is modelled as its step differences, the
 * residual as values. Raw variant: the series itself.
 */
import { decompose } from '../../engine/stats/decompose';
import { median } from '../../engine/stats/median';
import { detectSeasonality } from '../../engine/stats/seasonality';
import { Problem } from '../../engine/types';
import { ComponentName } from './lstmState';

export interface ComponentSeries {
  name: ComponentName;
  differenced: boolean;
  /** Windows centred on their own mean (the raw series: levels move, shapes repeat). */
  centred: boolean;
  /** The component's level per row (what is summed into the forecast). */
  level: Float64Array;
  /**
   * Rows between a value and the one it is differenced against (0 = none): the network models the
   * change from one season earlier, level[t] − level[t − seasonalLag], so a forecast of zero change
   * is the seasonal naive forecast of this sequence and the network learns what departs from it.
   */
  seasonalLag: number;
  /** The sequence the network sees: level, its step differences or its seasonal differences (NaN where undefined). */
  modelled: Float64Array;
}

/**
 * The shortest cycle the ACF may hand to the decomposition, in rows. A shorter one repeats at
 * least three times in the raw network's 24-row window, so that network learns it itself, while a
 * moving average over so few rows hardly tells the trend from the cycle. Measured
 * (docs/benchmarks.md, "LSTM"): synthetic cycles of 2–6 rows, raw networks MASE 0.77 against the
 * decomposition's 0.97; NAB `grok…` (a 2-row cycle before its drop) sMAPE 85.8 → 76.5. No M4
 * Hourly series has a cycle under 9 rows; at 16–21 rows the decomposition still won 4 of 5.
 */
export const MIN_DECOMPOSITION_PERIOD = 8;

/**
 * Period for the decomposition: the caller's, else the ACF's (a weekly secondary cycle wins with
 * three weeks of data, as in seasonal.ts). null when there is none, or when the ACF's is shorter
 * than MIN_DECOMPOSITION_PERIOD (a period the caller gives is used as given).
 */
export function choosePeriod(y: ArrayLike<number>, stepMs: number, known?: number): number | null {
  if (known !== undefined && Number.isInteger(known) && known >= 2) {
    return known;
  }
  const found = detectSeasonality(y, { stepMs });
  const weekly = found.secondaryPeriod;
  if (weekly !== null && found.period !== null && weekly % found.period === 0 && y.length >= 3 * weekly) {
    return weekly;
  }
  return found.period !== null && found.period >= MIN_DECOMPOSITION_PERIOD ? found.period : null;
}

/** Differences v[i] − v[i−lag] (the first `lag` values NaN). */
export function differences(v: ArrayLike<number>, lag = 1): Float64Array {
  const d = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    d[i] = i >= lag ? v[i] - v[i - lag] : NaN;
  }
  return d;
}

/** How the decomposed variant splits a series (LstmConfig's fields of the same names). */
export interface SplitOptions {
  /** Cycles per phase whose median is the seasonal component (localSeasonal); 0 = statsmodels' one figure for the whole series. */
  seasonalCycles: number;
  /** The seasonal network models the change from one period earlier. */
  seasonalDifferencing: boolean;
  /** Networks of the raw variant (one sequence each, the same series). */
  rawMembers: number;
}

/** The modelled sequences of a gap-filled series; a Problem when the decomposition cannot run. */
export function splitComponents(
  filled: Float64Array,
  variant: 'decomposed' | 'raw',
  period: number | null,
  options: SplitOptions = { seasonalCycles: 0, seasonalDifferencing: false, rawMembers: 1 }
): ComponentSeries[] | Problem {
  if (variant === 'raw' || period === null) {
    return Array.from({ length: Math.max(1, options.rawMembers) }, () => ({
      name: 'series',
      differenced: false,
      centred: true,
      seasonalLag: 0,
      level: filled,
      modelled: filled,
    }));
  }
  const d = decompose(filled, period, { extrapolateTrend: 'freq' });
  if (d.problem) {
    return { code: d.problem.code, message: `LSTM decomposition with period ${period}: ${d.problem.message}` };
  }
  let { seasonal, resid } = d;
  if (options.seasonalCycles > 0) {
    seasonal = localSeasonal(filled, d.trend, period, options.seasonalCycles);
    resid = new Float64Array(filled.length);
    for (let i = 0; i < filled.length; i++) {
      resid[i] = filled[i] - d.trend[i] - seasonal[i];
    }
  }
  const lag = options.seasonalDifferencing ? period : 0;
  return [
    {
      name: 'trend',
      differenced: true,
      centred: false,
      seasonalLag: 0,
      level: d.trend,
      modelled: differences(d.trend),
    },
    {
      name: 'seasonal',
      differenced: false,
      centred: false,
      seasonalLag: lag,
      level: seasonal,
      modelled: lag > 0 ? differences(seasonal, lag) : seasonal,
    },
    { name: 'residual', differenced: false, centred: false, seasonalLag: 0, level: resid, modelled: resid },
  ];
}

/**
 * A seasonal component that follows the cycle as it changes: at row i, the median of y − trend
 * over the same phase in the `cycles` cycles centred on i (fewer at the edges: the last cycle takes
 * itself and the ones before it), NaN-skipping. The median, not the mean: one cycle with an
 * incident or a job that ran an hour late does not smear into every cycle around it
 * (docs/benchmarks.md, "LSTM").
 */
export function localSeasonal(
  y: ArrayLike<number>,
  trend: ArrayLike<number>,
  period: number,
  cycles: number
): Float64Array {
  const n = y.length;
  const half = Math.floor(cycles / 2);
  const out = new Float64Array(n);
  const phase: number[] = [];
  for (let i = 0; i < n; i++) {
    phase.length = 0;
    for (let q = -half; q <= half; q++) {
      const j = i + q * period;
      const v = j >= 0 && j < n ? y[j] - trend[j] : NaN;
      if (Number.isFinite(v)) {
        phase.push(v);
      }
    }
    out[i] = median(phase);
  }
  return out;
}
