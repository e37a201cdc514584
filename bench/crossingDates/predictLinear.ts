/**
 * The baseline every Prometheus user has: `predict_linear(v[window], t)`.
 *
 * Prometheus (promql/functions.go, funcPredictLinear → linearRegression) fits a simple least-squares
 * line to the samples of the range (evalTime − window, evalTime], x = sample time in seconds relative
 * to the evaluation time, and returns intercept + slope · t. It needs at least two samples. Solving
 * intercept + slope · t = threshold for t gives the crossing date such an alert implies.
 */

/** The line predict_linear would use at `evalTime`: value at evalTime and slope per ms; null with < 2 samples. */
export function predictLinearFit(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  windowMs: number,
  evalTime: number
): { intercept: number; slopePerMs: number } | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (t > evalTime - windowMs && t <= evalTime && Number.isFinite(values[i])) {
      n++;
      sx += t - evalTime;
      sy += values[i];
    }
  }
  if (n < 2) {
    return null;
  }
  const xm = sx / n;
  const ym = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (t > evalTime - windowMs && t <= evalTime && Number.isFinite(values[i])) {
      const dx = t - evalTime - xm;
      sxx += dx * dx;
      sxy += dx * (values[i] - ym);
    }
  }
  if (!(sxx > 0)) {
    return null;
  }
  const slopePerMs = sxy / sxx;
  return { intercept: ym - slopePerMs * xm, slopePerMs };
}

/**
 * When predict_linear's line reaches `threshold` (rising), in epoch ms: evalTime when it is already
 * there, null when it never gets there (flat or falling) or only after `horizonMs`.
 */
export function predictLinearCrossing(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  windowMs: number,
  evalTime: number,
  threshold: number,
  horizonMs: number
): number | null {
  const fit = predictLinearFit(times, values, windowMs, evalTime);
  if (!fit) {
    return null;
  }
  if (fit.intercept >= threshold) {
    return evalTime;
  }
  if (!(fit.slopePerMs > 0)) {
    return null;
  }
  const dt = (threshold - fit.intercept) / fit.slopePerMs;
  return dt <= horizonMs ? evalTime + dt : null;
}
