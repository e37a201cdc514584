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
  const len = Math.min(a.length, b.length);
  let n = 0;
  let am = 0;
  let bm = 0;
  for (let i = 0; i < len; i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      n++;
      am += (a[i] - am) / n;
      bm += (b[i] - bm) / n;
    }
  }
  if (n < 2) {
    return { n, r: NaN, pValue: NaN };
  }
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let i = 0; i < len; i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      const da = a[i] - am;
      const db = b[i] - bm;
      saa += da * da;
      sbb += db * db;
      sab += da * db;
    }
  }
  if (!(saa > 0) || !(sbb > 0)) {
    return { n, r: NaN, pValue: NaN };
  }
  const r = Math.max(-1, Math.min(1, sab / (Math.sqrt(saa) * Math.sqrt(sbb))));
  return { n, r, pValue: pearsonPValue(r, n) };
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
