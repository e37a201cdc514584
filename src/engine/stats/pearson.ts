/**
 * Pearson correlation with its two-sided p-value, as `scipy.stats.pearsonr` (SciPy 1.10).
 * Checked against tests/fixtures/oracles/python/pearson.json.
 *
 * r = Σ(a−ā)(b−b̄) / √(Σ(a−ā)² Σ(b−b̄)²), clipped to [−1, 1].
 * p-value under H0 (independent normal samples): r follows a Beta(n/2 − 1, n/2 − 1) law on
 * [−1, 1], so p = 2·I_x(n/2 − 1, n/2 − 1) with x = (1 − |r|)/2 and I the regularized incomplete
 * beta function (Numerical Recipes §6.4 continued fraction; log-gamma by Lanczos).
 * This equals the usual t-test with t = r√((n−2)/(1−r²)) and n − 2 degrees of freedom.
 */

import { linearFit } from '../linearFit';
import { regularizedIncompleteBeta } from '../specialFunctions';

export interface PearsonResult {
  /** Finite pairs used. */
  n: number;
  /** Pearson r; NaN when n < 2 or either input is constant (scipy warns ConstantInputWarning). */
  r: number;
  /** Two-sided p-value; 1 when n = 2 (scipy's convention), NaN when r is NaN. */
  pValue: number;
}

/**
 * Pearson r and p of a and b over the pairs where both are finite (scipy would propagate NaN).
 * Preconditions: none; lengths may differ (the shorter one decides).
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): PearsonResult {
  // The same centred sums as the least-squares fit of b on a: its r is Pearson's.
  const { n, r } = linearFit(a, b);
  if (n < 2 || Number.isNaN(r)) {
    return { n, r: NaN, pValue: NaN };
  }
  const clipped = Math.max(-1, Math.min(1, r));
  return { n, r: clipped, pValue: pearsonPValue(clipped, n) };
}

/**
 * Two-sided p-value of a Pearson r from n pairs (scipy's beta formulation). NaN for NaN r or
 * n < 2; 1 for n = 2; 0 for |r| = 1 with n > 2.
 */
export function pearsonPValue(r: number, n: number): number {
  if (Number.isNaN(r) || !(n >= 2)) {
    return NaN;
  }
  if (n === 2) {
    return 1;
  }
  const ab = n / 2 - 1;
  const x = (1 - Math.min(1, Math.abs(r))) / 2;
  return Math.min(1, 2 * regularizedIncompleteBeta(x, ab, ab));
}

export { logGamma, regularizedIncompleteBeta } from '../specialFunctions';
