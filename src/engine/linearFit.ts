/**
 * Ordinary least squares of y on x, skipping pairs where either is NaN or ±Inf.
 *
 * Centred sums (Welford-style two-pass) rather than RRDtool's raw Σx, Σxy: the same numbers to
 * ~1e-12 on the rrdtool oracles, and no catastrophic cancellation on epoch-sized x or huge y.
 *
 * Reference: any regression text, e.g. Montgomery, Peck & Vining, "Introduction to Linear
 * Regression Analysis", ch. 2 (slope, intercept, r, residual variance, prediction interval).
 */
export interface LinearFit {
  /** Number of finite (x, y) pairs used. */
  n: number;
  slope: number;
  /** Fitted value at x = 0. */
  intercept: number;
  /** Pearson r of the pairs; NaN when x or y is constant. */
  r: number;
  xMean: number;
  yMean: number;
  /** Σ(x − x̄)². */
  sxx: number;
  /** Residual standard deviation, √(SSE / (n − 2)); NaN when n < 3. */
  residualSd: number;
}

export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  const len = Math.min(x.length, y.length);
  let n = 0;
  let xMean = 0;
  let yMean = 0;
  for (let i = 0; i < len; i++) {
    const xi = x[i];
    const yi = y[i];
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) {
      continue;
    }
    n++;
    xMean += (xi - xMean) / n;
    yMean += (yi - yMean) / n;
  }
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < len; i++) {
    const xi = x[i];
    const yi = y[i];
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) {
      continue;
    }
    const dx = xi - xMean;
    const dy = yi - yMean;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return finish(n, xMean, yMean, sxx, syy, sxy);
}

/**
 * The same fit where x is the index 0..len−1 of `y` (RRDtool's row index); NaN rows keep their index.
 *
 * The hot loop of every linear forecast, so it avoids linearFit's per-point divisions: pass one sums
 * the indices (exact integers) and y − K, with K the first finite y (the shift keeps epoch-sized or
 * offset data from losing digits, as the running mean does); pass two accumulates centred products
 * and Σ(y − ȳ), which corrects ȳ and Syy for the rounding left in pass one (the corrected two-pass
 * algorithm of Chan, Golub & LeVeque, "Algorithms for computing the sample variance", 1983).
 */
export function linearFitIndexed(y: ArrayLike<number>, from = 0, to = y.length): LinearFit {
  let n = 0;
  let sumX = 0;
  let sumY = 0;
  let shift = 0;
  for (let i = from; i < to; i++) {
    const yi = y[i];
    // yi − yi is 0 exactly for finite numbers and NaN for NaN and ±Inf: Number.isFinite, cheaper.
    if (yi - yi !== 0) {
      continue;
    }
    if (n === 0) {
      shift = yi;
    }
    n++;
    sumX += i;
    sumY += yi - shift;
  }
  if (n === 0) {
    return finish(0, NaN, NaN, 0, 0, 0);
  }
  const xMean = sumX / n;
  let yMean = shift + sumY / n;
  if (!Number.isFinite(yMean)) {
    // y − K overflowed (finite values near ±1.8e308 of both signs): running means cannot overflow.
    return linearFitIndexedRunningMeans(y, from, to);
  }
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let sdy = 0;
  for (let i = from; i < to; i++) {
    const yi = y[i];
    if (yi - yi !== 0) {
      continue;
    }
    const dx = i - xMean;
    const dy = yi - yMean;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
    sdy += dy;
  }
  // Σdy is 0 in exact arithmetic; what is left is pass one's rounding (Σdx is 0: the x are integers).
  yMean += sdy / n;
  syy = Math.max(0, syy - (sdy * sdy) / n);
  return finish(n, xMean, yMean, sxx, syy, sxy);
}

/** linearFitIndexed by running (Welford-style) means: slower, but safe from overflow in the sums. */
function linearFitIndexedRunningMeans(y: ArrayLike<number>, from: number, to: number): LinearFit {
  let n = 0;
  let xMean = 0;
  let yMean = 0;
  for (let i = from; i < to; i++) {
    const yi = y[i];
    if (!Number.isFinite(yi)) {
      continue;
    }
    n++;
    xMean += (i - xMean) / n;
    yMean += (yi - yMean) / n;
  }
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = from; i < to; i++) {
    const yi = y[i];
    if (!Number.isFinite(yi)) {
      continue;
    }
    const dx = i - xMean;
    const dy = yi - yMean;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return finish(n, xMean, yMean, sxx, syy, sxy);
}

function finish(n: number, xMean: number, yMean: number, sxx: number, syy: number, sxy: number): LinearFit {
  if (n === 0) {
    return { n, slope: NaN, intercept: NaN, r: NaN, xMean: NaN, yMean: NaN, sxx: 0, residualSd: NaN };
  }
  // A single x value (n = 1, or all pairs at one x) has no slope.
  const slope = sxx > 0 ? sxy / sxx : NaN;
  const intercept = yMean - slope * xMean;
  // √Sxx·√Syy rather than √(Sxx·Syy): the product overflows on large sums.
  const r = sxx > 0 && syy > 0 ? sxy / (Math.sqrt(sxx) * Math.sqrt(syy)) : NaN;
  // SSE = Syy − Sxy²/Sxx, clamped at 0 against rounding.
  const sse = sxx > 0 ? Math.max(0, syy - (sxy * sxy) / sxx) : NaN;
  const residualSd = n > 2 ? Math.sqrt(sse / (n - 2)) : NaN;
  return { n, slope, intercept, r, xMean, yMean, sxx, residualSd };
}

/** Value of the fitted line at x. */
export function fittedAt(fit: LinearFit, x: number): number {
  return fit.intercept + fit.slope * x;
}

/**
 * Half-width of the OLS prediction interval for a new observation at x:
 * t · s · √(1 + 1/n + (x − x̄)²/Sxx). It widens with the distance from the data's centre.
 * `t` is the Student-t quantile for the level with n − 2 degrees of freedom (see studentT.ts).
 */
export function predictionHalfWidth(fit: LinearFit, x: number, t: number): number {
  if (!(fit.n > 2) || !(fit.sxx > 0)) {
    return NaN;
  }
  const dx = x - fit.xMean;
  return t * fit.residualSd * Math.sqrt(1 + 1 / fit.n + (dx * dx) / fit.sxx);
}
