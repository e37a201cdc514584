/**
 * Drift, the seed's Kapacitor check made per panel: the previous forecast against the actual
 * values that have arrived since. Pure.
 */
import { RegularSeries } from '../../engine/types';
import { DriftPolicy } from './lstmConfig';
import { StoredForecast } from './lstmState';
import { LstmTransform, toModelValue } from './lstmTransform';

export interface DriftMeasure {
  /** Arrived points compared (finite actual and forecast at the same time). */
  points: number;
  /** Mean |actual − forecast| in the series' units. */
  meanAbsError: number;
  /**
   * Mean of |actual − forecast| / σ_k, each error in units of the model's own error sd at its
   * step k (the band's profile). About 0.8 (E|Z|) when the model is as good as it claims; NaN
   * when σ is not positive.
   */
  relative: number;
}

/**
 * Compares `previous` with the rows of `series` at its times; null when none has arrived.
 * `sdAt(k)` is the model's error sd k steps ahead (k ≥ 1), on the scale given by `transform`
 * (the relative drift compares errors on that scale; a value ≤ 0 under 'log' makes it ∞).
 */
export function measureDrift(
  previous: StoredForecast | null,
  series: RegularSeries,
  sdAt: (k: number) => number,
  transform: LstmTransform = 'none'
): DriftMeasure | null {
  if (!previous || previous.values.length === 0 || !(series.step > 0)) {
    return null;
  }
  let points = 0;
  let sum = 0;
  let scaled = 0;
  let scaledOk = true;
  for (let k = 0; k < previous.values.length; k++) {
    const t = previous.start + k * previous.step;
    const row = (t - series.start) / series.step;
    const r = Math.round(row);
    if (Math.abs(row - r) > 1e-6 || r < 0 || r >= series.values.length) {
      continue;
    }
    const e = series.values[r] - previous.values[k];
    if (Number.isFinite(e)) {
      points++;
      sum += Math.abs(e);
      const sd = sdAt(k + 1);
      // σ_k is on the model's scale: so is the error it measures.
      const modelError = toModelValue(series.values[r], transform) - toModelValue(previous.values[k], transform);
      if (!Number.isFinite(modelError)) {
        // A value ≤ 0 reached a model that learnt logarithms: it cannot say anything about it.
        scaled = Infinity;
      } else if (sd > 0) {
        scaled += Math.abs(modelError) / sd;
      } else {
        scaledOk = false;
      }
    }
  }
  if (points === 0) {
    return null;
  }
  return { points, meanAbsError: sum / points, relative: scaledOk ? scaled / points : NaN };
}

/** Whether the drift passes the policy's limits (either one). */
export function driftExceeds(d: DriftMeasure | null, policy: DriftPolicy): boolean {
  if (!d) {
    return false;
  }
  if (policy.absoluteLimit !== null && d.meanAbsError > policy.absoluteLimit) {
    return true;
  }
  return !Number.isNaN(d.relative) && d.relative > policy.relativeLimit;
}
