/**
 * Sample autocorrelation function, as `statsmodels.tsa.stattools.acf(a, nlags, adjusted=False)`
 * (0.13.5): r_k = Σ_{t<n−k} (a_t − ā)(a_{t+k} − ā) / Σ_t (a_t − ā)², k = 0 … nlags.
 * Checked against tests/fixtures/oracles/python/acf (both the fft and the direct columns).
 *
 * NaN/±Inf: treated as missing the way statsmodels' `missing='conservative'` does: ā and the
 * denominator use the finite values only, and a product with a missing partner is left out
 * (counted as 0). Without missing values this is exactly the default acf.
 */

export interface AcfOptions {
  /** 'direct' is O(n·nlags); 'fft' is O(n log n); 'auto' (default) picks FFT when n·nlags is large. */
  method?: 'auto' | 'direct' | 'fft';
}

/**
 * ACF of `a` at lags 0 … nlags (nlags is clamped to n − 1). Returns a Float64Array of length
 * nlags + 1 with r_0 = 1; all NaN when fewer than 2 finite values or when they are constant;
 * empty when a is empty or nlags < 0.
 */
export function acf(a: ArrayLike<number>, nlags: number, options: AcfOptions = {}): Float64Array {
  const n = a.length;
  const maxLag = Math.min(Math.floor(nlags), n - 1);
  if (!(maxLag >= 0)) {
    return new Float64Array(0);
  }
  // Centre on the mean of the finite values; missing values become 0 so their products vanish.
  let mean = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(a[i])) {
      count++;
      mean += (a[i] - mean) / count;
    }
  }
  const d = new Float64Array(n);
  let den = 0;
  for (let i = 0; i < n; i++) {
    d[i] = Number.isFinite(a[i]) ? a[i] - mean : 0;
    den += d[i] * d[i];
  }
  const out = new Float64Array(maxLag + 1);
  if (count < 2 || !(den > 0)) {
    return out.fill(NaN);
  }
  const method = options.method ?? 'auto';
  const useFft = method === 'fft' || (method === 'auto' && n * (maxLag + 1) > 4e6);
  if (useFft) {
    const sums = autocovarianceSumsFft(d, maxLag);
    for (let k = 0; k <= maxLag; k++) {
      out[k] = sums[k] / den;
    }
    out[0] = 1;
    return out;
  }
  // Four lags per pass over the data: each d[t] is loaded once for all four (each lag's sum keeps
  // its own order, so the result is the same as one lag at a time).
  let k = 0;
  for (; k + 3 <= maxLag; k += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const end = n - k - 3;
    let t = 0;
    for (; t < end; t++) {
      const v = d[t];
      s0 += v * d[t + k];
      s1 += v * d[t + k + 1];
      s2 += v * d[t + k + 2];
      s3 += v * d[t + k + 3];
    }
    // The last rows pair with fewer lags.
    for (; t < n - k; t++) {
      const v = d[t];
      s0 += v * d[t + k];
      if (t + k + 1 < n) {
        s1 += v * d[t + k + 1];
      }
      if (t + k + 2 < n) {
        s2 += v * d[t + k + 2];
      }
    }
    out[k] = s0 / den;
    out[k + 1] = s1 / den;
    out[k + 2] = s2 / den;
    out[k + 3] = s3 / den;
  }
  for (; k <= maxLag; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) {
      s += d[t] * d[t + k];
    }
    out[k] = s / den;
  }
  return out;
}

/** Σ_t d_t·d_{t+k} for k = 0 … maxLag via zero-padded FFT (Wiener–Khinchin). */
function autocovarianceSumsFft(d: Float64Array, maxLag: number): Float64Array {
  let size = 1;
  while (size < 2 * d.length) {
    size *= 2;
  }
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  re.set(d);
  fftInPlace(re, im, false);
  for (let i = 0; i < size; i++) {
    re[i] = re[i] * re[i] + im[i] * im[i];
    im[i] = 0;
  }
  fftInPlace(re, im, true);
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    out[k] = re[k] / size;
  }
  return out;
}

/** cos and sin of −2πk/size for k < size/2, per size: the twiddles of every FFT of that size. */
const twiddleTables = new Map<number, { cos: Float64Array; sin: Float64Array }>();

function twiddles(size: number): { cos: Float64Array; sin: Float64Array } {
  let t = twiddleTables.get(size);
  if (!t) {
    const half = size >> 1;
    t = { cos: new Float64Array(half), sin: new Float64Array(half) };
    for (let k = 0; k < half; k++) {
      // From the angle directly: no drift from repeated multiplication.
      t.cos[k] = Math.cos((-2 * Math.PI * k) / size);
      t.sin[k] = Math.sin((-2 * Math.PI * k) / size);
    }
    twiddleTables.set(size, t);
  }
  return t;
}

/** Iterative radix-2 Cooley–Tukey FFT; `inverse` flips the sign of the exponent (no 1/N scaling). */
function fftInPlace(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) {
      j ^= bit;
    }
    j ^= bit;
    if (i < j) {
      const tr = re[i];
      re[i] = re[j];
      re[j] = tr;
      const ti = im[i];
      im[i] = im[j];
      im[j] = ti;
    }
  }
  const { cos, sin } = twiddles(n);
  const sign = inverse ? -1 : 1;
  for (let len = 2; len <= n; len *= 2) {
    const half = len / 2;
    const stride = n / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * stride];
        const wi = sign * sin[k * stride];
        const a = i + k;
        const b = a + half;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}
