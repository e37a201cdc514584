/**
 * Centred rolling median over `window` rows (made odd), skipping NaN; NaN where a window holds no
 * finite value. A median filter keeps steps (a clean-up drop stays a drop) while removing spikes
 * shorter than half the window and smoothing a cycle of the window's length to its median.
 * O(n · window) with a sorted window (binary search, then one memmove per row).
 */
export function rollingMedian(y: ArrayLike<number>, window: number): Float64Array {
  const n = y.length;
  const half = Math.max(0, Math.floor(window / 2));
  const out = new Float64Array(n);
  const sorted: number[] = [];
  const insert = (v: number): void => {
    sorted.splice(lowerBound(sorted, v), 0, v);
  };
  const remove = (v: number): void => {
    sorted.splice(lowerBound(sorted, v), 1);
  };
  for (let i = 0; i < Math.min(n, half); i++) {
    if (Number.isFinite(y[i])) {
      insert(y[i]);
    }
  }
  for (let i = 0; i < n; i++) {
    const enter = i + half;
    if (enter < n && Number.isFinite(y[enter])) {
      insert(y[enter]);
    }
    const leave = i - half - 1;
    if (leave >= 0 && Number.isFinite(y[leave])) {
      remove(y[leave]);
    }
    const m = sorted.length;
    out[i] = m === 0 ? NaN : m % 2 === 1 ? sorted[m >> 1] : (sorted[(m >> 1) - 1] + sorted[m >> 1]) / 2;
  }
  return out;
}

/**
 * out[i] = median of the finite values in rows [i, i + w) (fewer at the end); NaN when none.
 * The same sorted-window walk as rollingMedian.
 */
export function forwardMedians(y: ArrayLike<number>, w: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  const sorted: number[] = [];
  for (let i = 0; i < Math.min(n, w); i++) {
    if (Number.isFinite(y[i])) {
      sorted.splice(lowerBound(sorted, y[i]), 0, y[i]);
    }
  }
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      const leave = i - 1;
      if (Number.isFinite(y[leave])) {
        sorted.splice(lowerBound(sorted, y[leave]), 1);
      }
      const enter = i + w - 1;
      if (enter < n && Number.isFinite(y[enter])) {
        sorted.splice(lowerBound(sorted, y[enter]), 0, y[enter]);
      }
    }
    const m = sorted.length;
    out[i] = m === 0 ? NaN : m % 2 === 1 ? sorted[m >> 1] : (sorted[(m >> 1) - 1] + sorted[m >> 1]) / 2;
  }
  return out;
}

function lowerBound(a: number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) {
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
