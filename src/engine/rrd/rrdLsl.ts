/**
 * RRDtool's least-squares line VDEFs: LSLSLOPE, LSLINT, LSLCORREL.
 *
 * Reference: shared/oracles/README.md §1 "LSLSLOPE / LSLINT / LSLCORREL" (rrdtool 1.7.2).
 * x is the 0-based ROW INDEX (not seconds); rows whose value is NaN or ±Inf are skipped but keep
 * their index, so gaps do not shift x. rrdtool uses raw sums (Σx, Σy, Σxy, Σx², Σy²); we use the
 * centred sums of linearFitIndexed, which agree to ~1e-12 relative on every oracle and do not
 * cancel catastrophically.
 */
import { linearFitIndexed } from '../linearFit';

export interface RrdLsl {
  /** LSLSLOPE: change per row (divide by the step for a rate per unit of time). */
  slope: number;
  /** LSLINT: the fitted value at row `from` (rrdtool's row 0, stamped DEF start + step). */
  intercept: number;
  /** LSLCORREL: Pearson r of (row index, value). */
  correl: number;
  /** Number of finite rows used. */
  n: number;
}

/**
 * LSLSLOPE/LSLINT/LSLCORREL over rows [from, to) of `values`, with x = i − from, i.e. as if the DEF
 * started at row `from`. Pass every internal row (including the one at E+step) to reproduce rrdtool.
 * Returns NaN slope/intercept when fewer than two distinct rows are finite, NaN correl when the
 * values are constant as well; never throws.
 */
export function rrdLsl(values: ArrayLike<number>, from = 0, to: number = values.length): RrdLsl {
  const lo = Math.max(0, Math.floor(from));
  const hi = Math.min(values.length, Math.floor(to));
  if (!(hi > lo)) {
    return { slope: NaN, intercept: NaN, correl: NaN, n: 0 };
  }
  const fit = linearFitIndexed(values, lo, hi);
  // Evaluate at row `lo` from the means, not from the absolute intercept, to keep precision.
  const intercept = fit.yMean - fit.slope * (fit.xMean - lo);
  return { slope: fit.slope, intercept, correl: fit.r, n: fit.n };
}
