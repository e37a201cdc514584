/**
 * Centred rolling median over `window` rows (made odd), skipping NaN; NaN where a window holds no
 * finite value. A median filter keeps steps (a clean-up drop stays a drop) while removing spikes
 * shorter than half the window and smoothing a cycle of the window's length to its median.
 */
export function rollingMedian(y: ArrayLike<number>, window: number): Float64Array {
  const half = Math.max(0, Math.floor(window / 2));
  return windowMedians(y, half, half);
}

/** out[i] = median of the finite values in rows [i, i + w) (fewer at the end); NaN when none. */
export function forwardMedians(y: ArrayLike<number>, w: number): Float64Array {
  return windowMedians(y, 0, Math.max(0, w - 1));
}

/**
 * out[i] = median of the finite values in rows [i − before, i + after]; NaN when none. One sorted
 * window walks down the rows: the value that leaves is replaced by the one that enters,
 * O(n · window) moves of a typed array (a fleet run computes a few of these per series).
 */
function windowMedians(y: ArrayLike<number>, before: number, after: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  const sorted = new Float64Array(Math.min(n, before + after + 2));
  let m = 0;
  // Plain loops rather than copyWithin: windows are a few dozen rows, where a native call per
  // move costs more than the move.
  const insert = (v: number): void => {
    let j = m;
    while (j > 0 && sorted[j - 1] > v) {
      sorted[j] = sorted[j - 1];
      j--;
    }
    sorted[j] = v;
    m++;
  };
  const remove = (v: number): void => {
    for (let j = lowerBound(sorted, m, v); j < m - 1; j++) {
      sorted[j] = sorted[j + 1];
    }
    m--;
  };
  for (let i = 0; i < Math.min(n, after); i++) {
    if (y[i] - y[i] === 0) {
      insert(y[i]);
    }
  }
  // One value in for one out: moves only the values between the two (a third of the window on
  // average, against a whole window for a removal and an insertion).
  const replace = (old: number, v: number): void => {
    let j = lowerBound(sorted, m, old);
    while (j + 1 < m && sorted[j + 1] < v) {
      sorted[j] = sorted[j + 1];
      j++;
    }
    while (j > 0 && sorted[j - 1] > v) {
      sorted[j] = sorted[j - 1];
      j--;
    }
    sorted[j] = v;
  };
  for (let i = 0; i < n; i++) {
    const enter = i + after;
    const leave = i - before - 1;
    const enters = enter < n && y[enter] - y[enter] === 0;
    const leaves = leave >= 0 && y[leave] - y[leave] === 0;
    if (enters && leaves) {
      replace(y[leave], y[enter]);
    } else if (enters) {
      insert(y[enter]);
    } else if (leaves) {
      remove(y[leave]);
    }
    out[i] = m === 0 ? NaN : m % 2 === 1 ? sorted[m >> 1] : (sorted[(m >> 1) - 1] + sorted[m >> 1]) / 2;
  }
  return out;
}

/** First index in sorted[0, m) whose value is not below v. */
function lowerBound(sorted: Float64Array, m: number, v: number): number {
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Median of the finite values of `y` in rows [from, to) (a typed copy is sorted); NaN when none. */
export function finiteMedian(y: ArrayLike<number>, from = 0, to = y.length): number {
  const lo = Math.max(0, from);
  const hi = Math.min(to, y.length);
  const xs = new Float64Array(Math.max(0, hi - lo));
  let m = 0;
  for (let i = lo; i < hi; i++) {
    const v = y[i];
    if (v - v === 0) {
      xs[m++] = v;
    }
  }
  return sortedMedian(xs.subarray(0, m));
}

/** 1.4826 · median |y − median(y)|: the normal-consistent robust sd of the finite values. */
export function robustSd(y: ArrayLike<number>): number {
  const mid = finiteMedian(y);
  const dev = new Float64Array(y.length);
  let m = 0;
  for (let i = 0; i < y.length; i++) {
    const d = Math.abs(y[i] - mid);
    if (d - d === 0) {
      dev[m++] = d;
    }
  }
  return 1.4826 * sortedMedian(dev.subarray(0, m));
}

/** The median of a typed array, which it reorders (Hoare's selection, O(n)); NaN when empty. */
function sortedMedian(xs: Float64Array): number {
  const m = xs.length;
  if (m === 0) {
    return NaN;
  }
  const hi = select(xs, m >> 1);
  if (m % 2 === 1) {
    return hi;
  }
  // The lower middle is the largest value left of the upper one after the selection.
  let lo = -Infinity;
  for (let i = 0; i < m >> 1; i++) {
    if (xs[i] > lo) {
      lo = xs[i];
    }
  }
  return (lo + hi) / 2;
}

/** Reorders xs so that xs[k] is the k-th smallest and everything left of it is not larger. */
function select(xs: Float64Array, k: number): number {
  let left = 0;
  let right = xs.length - 1;
  while (right > left) {
    const pivot = xs[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (xs[i] < pivot) {
        i++;
      }
      while (xs[j] > pivot) {
        j--;
      }
      if (i <= j) {
        const t = xs[i];
        xs[i] = xs[j];
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) {
      right = j;
    } else if (k >= i) {
      left = i;
    } else {
      break;
    }
  }
  return xs[k];
}
