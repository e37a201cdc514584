import { logGamma, regularizedIncompleteBeta } from './specialFunctions';

/**
 * Quantiles of the standard normal and Student's t distributions, for prediction intervals.
 *
 * normalQuantile: Wichura's AS 241 (PPND16), relative accuracy ~1e-16.
 *   Wichura, M. J. (1988) "Algorithm AS 241: The Percentage Points of the Normal Distribution",
 *   Applied Statistics 37(3), 477–484.
 * studentTQuantile: Hill's AS 396 start, refined by Newton steps on the t CDF (regularised
 *   incomplete beta by continued fraction, Numerical Recipes §6.4), accuracy ~1e-10.
 *   Hill, G. W. (1970) "Algorithm 396: Student's t-quantiles", CACM 13(10), 619–620.
 */

/** Lower-tail quantile of N(0, 1): the z with P(Z ≤ z) = p. NaN outside (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}

/** Two-sided multiplier for a central interval at `level` (0.95 → 1.95996…). */
export function normalMultiplier(level: number): number {
  return normalQuantile(0.5 + level / 2);
}

/** Lower-tail quantile of Student's t with `df` degrees of freedom (df ≥ 1; non-integer allowed). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) {
    return NaN;
  }
  if (!Number.isFinite(df) || df > 1e7) {
    return normalQuantile(p);
  }
  if (p === 0.5) {
    return 0;
  }
  const upper = p > 0.5;
  const tail = upper ? 1 - p : p; // one-sided tail probability
  let t = hillStart(2 * tail, df);
  // Newton on F(t) = 1 − tail for the upper quantile; the density is closed-form.
  for (let i = 0; i < 8; i++) {
    const f = studentTUpperTail(t, df) - tail;
    const dens = studentTDensity(t, df);
    if (!(dens > 0)) {
      break;
    }
    const step = f / dens;
    t += step;
    if (Math.abs(step) <= 1e-12 * Math.max(1, Math.abs(t))) {
      break;
    }
  }
  return upper ? t : -t;
}

/** Two-sided Student-t multiplier for a central interval at `level` with `df` degrees of freedom. */
export function studentTMultiplier(level: number, df: number): number {
  return studentTQuantile(0.5 + level / 2, df);
}

/** Hill's approximation of the upper t quantile for a two-sided tail probability P. */
function hillStart(P: number, n: number): number {
  if (n === 1) {
    return Math.tan((Math.PI * (1 - P)) / 2);
  }
  if (n === 2) {
    return Math.sqrt(2 / (P * (2 - P)) - 2);
  }
  const a = 1 / (n - 0.5);
  const b = 48 / (a * a);
  let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * n;
  let x = d * P;
  let y = Math.pow(x, 2 / n);
  if (y > 0.05 + a) {
    x = normalQuantile(P * 0.5);
    y = x * x;
    if (n < 5) {
      c += 0.3 * (n - 4.5) * (x + 0.6);
    }
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
  } else {
    y =
      ((1 / (((n + 6) / (n * y) - 0.089 * d - 0.822) * (n + 2) * 3) + 0.5 / (n + 4)) * y - 1) * ((n + 1) / (n + 2)) +
      1 / y;
  }
  return Math.sqrt(n * y);
}

function studentTDensity(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** P(T > t) for t ≥ 0: ½ · I_{df/(df+t²)}(df/2, ½). */
function studentTUpperTail(t: number, df: number): number {
  const x = df / (df + t * t);
  const half = 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? half : 1 - half;
}
