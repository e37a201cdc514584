/**
 * How much the noise moves a fitted line: the long-run variance of the noise.
 *
 * Disk usage noise is autocorrelated (a busy hour stays busy): n such points carry the information
 * of far fewer independent ones, so a least-squares slope is less certain, and a change-point
 * penalty must be larger, than white-noise formulas say. Model: AR(1) with lag-one correlation φ;
 * the long-run variance σ²·(1 + φ)/(1 − φ) replaces σ² in both.
 *
 * Estimated without a trend model: the series is cut into windows of `window` rows, a line is
 * fitted to each, and the medians over windows of the residual variance and of the residuals'
 * lag-one correlation are taken (medians: windows that straddle a clean-up do not count).
 */
import { median } from '../stats/median';
import { pieceSums } from './commonSlopeFit';

export interface NoiseLevel {
  /** Residual variance around local lines (short-run σ²). */
  variance: number;
  /** Lag-one autocorrelation of the residuals, clamped to [0, MAX_PHI]. */
  phi: number;
  /** σ² · (1 + φ) / (1 − φ). */
  longRunVariance: number;
}

const MAX_PHI = 0.98;

export function estimateNoise(y: Float64Array, window: number): NoiseLevel {
  const n = y.length;
  const w = Math.max(6, Math.min(window, Math.floor(n / 3)));
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i;
  }
  const variances: number[] = [];
  const correlations: number[] = [];
  for (let a = 0; a + w <= n; a += w) {
    const r = windowResiduals(x, y, a, a + w);
    if (r === null) {
      continue;
    }
    variances.push(r.variance);
    if (Number.isFinite(r.rho)) {
      correlations.push(r.rho);
    }
  }
  if (variances.length === 0) {
    const r = windowResiduals(x, y, 0, n);
    const v = r ? r.variance : 0;
    return { variance: v, phi: 0, longRunVariance: v };
  }
  const variance = median(variances);
  // A line per window absorbs some of the slow wander: the residuals' φ is biased low by about
  // (1 + 3φ)/w (Marriott–Pope style); add it back.
  const raw = correlations.length > 0 ? median(correlations) : 0;
  const phi = Math.min(MAX_PHI, Math.max(0, raw + (1 + 3 * Math.max(0, raw)) / w));
  return { variance, phi, longRunVariance: (variance * (1 + phi)) / (1 - phi) };
}

function windowResiduals(
  x: Float64Array,
  y: Float64Array,
  a: number,
  b: number
): { variance: number; rho: number } | null {
  const p = pieceSums(x, y, a, b);
  if (p.m < Math.max(4, (b - a) / 2)) {
    return null;
  }
  const slope = p.sxx > 0 ? p.sxy / p.sxx : 0;
  let sse = 0;
  let lag = 0;
  let prev = NaN;
  for (let i = a; i < b; i++) {
    const e = Number.isFinite(y[i]) ? y[i] - p.yMean - slope * (x[i] - p.xMean) : NaN;
    if (Number.isFinite(e)) {
      sse += e * e;
      if (Number.isFinite(prev)) {
        lag += e * prev;
      }
    }
    prev = e;
  }
  return { variance: sse / (p.m - 2), rho: sse > 0 ? lag / sse : NaN };
}
