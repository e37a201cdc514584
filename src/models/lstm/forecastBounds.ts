/**
 * What an LSTM forecast of a series may show, read off the series itself. Summed components and
 * recursive networks can wander where the metric never goes; these bounds bring such values back.
 */
import { median } from '../../engine/stats/median';
import { fromModelScale, LstmTransform } from './lstmTransform';

export interface ForecastBounds {
  /** The lowest value a forecast may take. */
  floor: number;
  /** Forecast values under this show as 0 (an intermittent series; 0 = never). */
  zeroBelow: number;
}

/** Share of exact zeros from which a never-negative series counts as intermittent. */
export const INTERMITTENT_ZERO_SHARE = 0.5;
/** Fraction of the median non-zero value under which a forecast of an intermittent series is 0. */
export const ZERO_SNAP_FRACTION = 0.05;

/**
 * Bounds for forecasts of `y` learnt on scale `transform`:
 * - floor: on a log scale, the lowest value of `y`. There a small drift of the network is a
 *   factor, and a proportional series (traffic, CPU) idles at a floor it does not go under
 *   (NAB's idle CPU at 0.09 % was forecast at 0.03 %). Otherwise 0 for a series that was never
 *   negative (usage, counts, bytes: summed components can dip under 0 where the seasonal swing is
 *   larger than the level), else −∞.
 * - zeroBelow: a never-negative series that is exactly 0 in at least INTERMITTENT_ZERO_SHARE of
 *   its rows (disk writes between bursts) is idle unless it bursts; a forecast under
 *   ZERO_SNAP_FRACTION of its median non-zero value is network noise around that 0, shown as 0.
 */
export function forecastBounds(y: ArrayLike<number>, transform: LstmTransform): ForecastBounds {
  let min = Infinity;
  let zeros = 0;
  const nonZero: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      continue;
    }
    min = Math.min(min, v);
    if (v === 0) {
      zeros++;
    } else {
      nonZero.push(v);
    }
  }
  if (min === Infinity) {
    return { floor: -Infinity, zeroBelow: 0 };
  }
  if (transform === 'log') {
    return { floor: min, zeroBelow: 0 };
  }
  if (min < 0) {
    return { floor: -Infinity, zeroBelow: 0 };
  }
  const intermittent = nonZero.length > 0 && zeros >= INTERMITTENT_ZERO_SHARE * (zeros + nonZero.length);
  return { floor: 0, zeroBelow: intermittent ? ZERO_SNAP_FRACTION * median(nonZero) : 0 };
}

/**
 * A forecast value from the model's scale to the series' units, within `bounds`: what the
 * model's predict shows and what the held-out backtest scores.
 */
export function toSeriesUnits(t: LstmTransform, bounds: ForecastBounds): (v: number) => number {
  return (v) => {
    const x = Math.max(bounds.floor, fromModelScale(v, t));
    return bounds.zeroBelow > 0 && x < bounds.zeroBelow ? 0 : x;
  };
}
