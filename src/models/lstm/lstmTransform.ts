/**
 * The scale the LSTM learns a series on. Most metrics vary by the same amount at any level
 * (additive: disk usage, temperatures) and are learnt as they are. Some swing in proportion to
 * their level (traffic that is 10 at night and 3,000 by day): an additive model misses the quiet
 * hours by more than their whole value, so those are learnt as logarithms and forecast back with exp.
 */
import { pearson } from '../../engine/stats/pearson';

export type LstmTransform = 'none' | 'log';

/** Fewest one-step pairs to judge the scale on. */
const MIN_PAIRS = 48;
/** Correlation of |y[t] − y[t−1]| with the level above which changes grow with the level. */
export const PROPORTIONAL_CORRELATION = 0.3;
/** Ratio of the largest to the smallest value below which the scale hardly matters. */
export const PROPORTIONAL_RANGE = 5;

/**
 * 'log' when `y` is strictly positive, spans at least PROPORTIONAL_RANGE (max/min), and the size of
 * its one-step changes correlates with its level at PROPORTIONAL_CORRELATION or more; else 'none'.
 * Non-finite values are skipped.
 */
export function chooseTransform(y: ArrayLike<number>): LstmTransform {
  let min = Infinity;
  let max = -Infinity;
  const level: number[] = [];
  const change: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      continue;
    }
    if (v <= 0) {
      return 'none';
    }
    min = Math.min(min, v);
    max = Math.max(max, v);
    const prev = i > 0 ? y[i - 1] : NaN;
    if (Number.isFinite(prev)) {
      level.push((v + prev) / 2);
      change.push(Math.abs(v - prev));
    }
  }
  if (change.length < MIN_PAIRS || max / min < PROPORTIONAL_RANGE) {
    return 'none';
  }
  const { r } = pearson(level, change);
  return Number.isFinite(r) && r >= PROPORTIONAL_CORRELATION ? 'log' : 'none';
}

/** One value on the model's scale; a non-positive value under 'log' becomes NaN (a gap). */
export function toModelValue(v: number, t: LstmTransform): number {
  return t === 'log' ? (v > 0 ? Math.log(v) : NaN) : v;
}

/** Values on the model's scale (toModelValue of each). */
export function toModelScale(values: ArrayLike<number>, t: LstmTransform): Float64Array {
  return Float64Array.from(values, (v) => toModelValue(v, t));
}

/** One value back from the model's scale. */
export function fromModelScale(v: number, t: LstmTransform): number {
  return t === 'log' ? Math.exp(v) : v;
}
