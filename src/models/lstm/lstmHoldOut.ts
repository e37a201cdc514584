/**
 * The held-out backtest of a cold training. The networks first learn the series without its last
 * `h` rows; from that edge they forecast the h rows they never saw, which gives
 *   - the held-out score (MAPE, sMAPE, MASE as in M4, beside seasonal naive's MASE on the same rows),
 *   - the trend damping φ: the one of DAMPING_CANDIDATES with the lowest mean absolute error there
 *     (an undamped slope read off the series' edge is what makes recursive trend forecasts run away;
 *     how much to damp is a property of the series, so the held-out rows decide it),
 *   - the weights of the networks' and the seasonal naive forecast in their combination (naiveWeight).
 * No tfjs: forecasting from a trained state is plain TypeScript.
 */
import { forecastScores } from '../../engine/forecastScores';
import { ComponentView, combinedForecast } from './lstmForecaster';
import { HeldOutScore, NaiveBlend, NETWORKS_ONLY } from './lstmState';

/** φ values tried on the held-out rows, most trusting first (ties keep the earlier one). */
export const DAMPING_CANDIDATES = [1, 0.98, 0.95, 0.9, 0.8, 0.6] as const;

/** Rows held back: `requested` (0 = none), at most a fifth of the series. */
export function holdOutRows(rows: number, requested: number): number {
  return Math.max(0, Math.min(Math.floor(requested), Math.floor(rows / 5)));
}

/**
 * Rows back the seasonal naive partner of the networks copies: a day of rows when the grid
 * divides a day (metrics follow the clock) and the period is absent or a divisor of the day (a day
 * ago repeats an 8- or 12-hour cycle too, and the daily shape around it; measured on `lstm-5`,
 * when NAB `grok…` was still decomposed by a 2-row cycle: sMAPE 89.0 → 85.8); else the period
 * (a week); else the previous row. Never more than the series has.
 */
export function naiveLag(period: number | null, stepMs: number, rows: number): number {
  const day = 86_400_000 / stepMs;
  const dayRows = Number.isInteger(day) && day >= 2 ? day : null;
  let lag = period ?? dayRows ?? 1;
  if (dayRows !== null && period !== null && period < dayRows && dayRows % period === 0) {
    lag = dayRows;
  }
  return lag < rows ? lag : 1;
}

/**
 * The networks' weight in the combination with the seasonal naive forecast: each forecast is
 * weighted by the inverse of its mean absolute error on the held-out rows, so the networks get
 * naiveMae / (networkMae + naiveMae). Inverse-error weights, not the weight that fits the held-out
 * rows best: on 48 rows the best fit chases noise (a grid of 0, ¼, ½, ¾, 1 scored worse on NAB,
 * docs/benchmarks.md). 1 when either error is undefined, 0.5 when both are 0.
 */
export function naiveWeight(actual: ArrayLike<number>, network: ArrayLike<number>, naive: ArrayLike<number>): number {
  let networkSum = 0;
  let naiveSum = 0;
  let n = 0;
  for (let k = 0; k < actual.length; k++) {
    const a = Math.abs(actual[k] - network[k]);
    const b = Math.abs(actual[k] - naive[k]);
    if (Number.isFinite(a) && Number.isFinite(b)) {
      networkSum += a;
      naiveSum += b;
      n++;
    }
  }
  if (n === 0) {
    return 1;
  }
  return networkSum + naiveSum === 0 ? 0.5 : naiveSum / (networkSum + naiveSum);
}

/**
 * Forecasts the held-out rows from `views` (the components of `insample`, the series without
 * them, on the model's scale), picks the damping among `candidates`, then, unless `lag` is null,
 * the networks' weight against the seasonal naive forecast with that lag (naiveWeight), and scores
 * the combined forecast. `toSeries` brings a forecast value back to the series' units and bounds
 * it as the model's own predict does (forecastBounds.ts toSeriesUnits); `insample` and `actual` are
 * in the series' units.
 */
export function backtestHeldOut(
  views: ComponentView[],
  insample: ArrayLike<number>,
  actual: ArrayLike<number>,
  period: number | null,
  toSeries: (v: number) => number,
  candidates: readonly number[] = DAMPING_CANDIDATES,
  lag: number | null = null,
  drift = false
): { damping: number; blend: NaiveBlend; score: HeldOutScore } {
  const origin = insample.length - 1;
  let best: { damping: number; mae: number; forecast: Float64Array } | null = null;
  for (const phi of candidates) {
    const f = combinedForecast(views, origin, actual.length, phi).map(toSeries);
    let sum = 0;
    let n = 0;
    for (let k = 0; k < actual.length; k++) {
      const e = Math.abs(actual[k] - f[k]);
      if (Number.isFinite(e)) {
        sum += e;
        n++;
      }
    }
    const mae = n > 0 ? sum / n : Infinity;
    if (!best || mae < best.mae) {
      best = { damping: phi, mae, forecast: f };
    }
  }
  const chosen = best!;
  let blend = NETWORKS_ONLY;
  let forecast = chosen.forecast;
  if (lag !== null && lag < insample.length) {
    // The partner alone (weight 0), through the same bounds as the forecast.
    const naive = combinedForecast(views, origin, actual.length, chosen.damping, { weight: 0, lag, drift }).map(
      toSeries
    );
    blend = { weight: naiveWeight(actual, chosen.forecast, naive), lag, drift };
    forecast = combinedForecast(views, origin, actual.length, chosen.damping, blend).map(toSeries);
  }
  return { damping: chosen.damping, blend, score: forecastScores(insample, actual, forecast, period ?? 1) };
}
