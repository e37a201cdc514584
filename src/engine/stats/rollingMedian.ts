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

/**
 * One buffer for the values a median reorders, grown as needed: a fleet run takes a dozen medians
 * per series, and a fresh array for each was a tenth of the capacity trend's time. Safe because
 * nothing runs while a median is being taken (one thread, no callbacks).
 */
let scratch = new Float64Array(1024);

function scratchFor(n: number): Float64Array {
  if (scratch.length < n) {
    scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  }
  return scratch;
}

/** Median of the finite values of `y` in rows [from, to) (a copy is reordered); NaN when none. */
export function finiteMedian(y: ArrayLike<number>, from = 0, to = y.length): number {
  const lo = Math.max(0, from);
  const hi = Math.min(to, y.length);
  const xs = scratchFor(hi - lo);
  let m = 0;
  for (let i = lo; i < hi; i++) {
    const v = y[i];
    if (v - v === 0) {
      xs[m++] = v;
    }
  }
  return selectedMedian(xs, m);
}

/** 1.4826 · median |y − median(y)|: the normal-consistent robust sd of the finite values. */
export function robustSd(y: ArrayLike<number>): number {
  const mid = finiteMedian(y);
  // finiteMedian is done with the buffer: the deviations go into it.
  const dev = scratchFor(y.length);
  let m = 0;
  for (let i = 0; i < y.length; i++) {
    const d = Math.abs(y[i] - mid);
    if (d - d === 0) {
      dev[m++] = d;
    }
  }
  return 1.4826 * selectedMedian(dev, m);
}

/** The median of xs[0, m), which it reorders (a selection, O(m)); NaN when m is 0. */
function selectedMedian(xs: Float64Array, m: number): number {
  if (m === 0) {
    return NaN;
  }
  const hi = select(xs, 0, m - 1, m >> 1);
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

/**
 * Reorders xs[left, right] so that xs[k] is the k-th smallest, nothing left of it larger and
 * nothing right of it smaller (Floyd and Rivest's selection, 1975: on a long range it first
 * selects within a sample around where k's value should fall, so the partition that follows is
 * tight; about 1.5 comparisons per value against 3.4 for a middle pivot, which made medians a
 * quarter of the capacity trend's time).
 */
function select(xs: Float64Array, left: number, right: number, k: number): number {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      select(xs, newLeft, newRight, k);
    }
    const t = xs[k];
    let i = left;
    let j = right;
    swap(xs, left, k);
    if (xs[right] > t) {
      swap(xs, right, left);
    }
    while (i < j) {
      swap(xs, i, j);
      i++;
      j--;
      while (xs[i] < t) {
        i++;
      }
      while (xs[j] > t) {
        j--;
      }
    }
    if (xs[left] === t) {
      swap(xs, left, j);
    } else {
      j++;
      swap(xs, j, right);
    }
    if (j <= k) {
      left = j + 1;
    }
    if (k <= j) {
      right = j - 1;
    }
  }
  return xs[k];
}

function swap(xs: Float64Array, a: number, b: number): void {
  const t = xs[a];
  xs[a] = xs[b];
  xs[b] = t;
}
