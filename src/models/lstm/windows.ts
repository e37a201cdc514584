/**
 * Scaling and sliding windows for the LSTM networks. Plain arrays, no tfjs: the same windows feed
 * training (tfjs) and inference (forwardPass.ts).
 */
import { seededRandom } from '../../engine/stats/seededRandom';

/** z = (v − center) / scale. Kept in the snapshot: fine-tuned weights must see the same scale. */
export interface Scaling {
  center: number;
  scale: number;
}

/** Mean and standard deviation of the finite values (scale 1 when they are constant or absent). */
export function fitScaling(values: ArrayLike<number>): Scaling {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      n++;
      const d = v - mean;
      mean += d / n;
      m2 += d * (v - mean);
    }
  }
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  return { center: n > 0 ? mean : 0, scale: sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1 };
}

export function scaleValues(values: ArrayLike<number>, s: Scaling): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = (values[i] - s.center) / s.scale;
  }
  return out;
}

export interface Windows {
  /** Number of windows. */
  count: number;
  lookBack: number;
  /** Targets per window. */
  outputs: number;
  /** count × lookBack inputs, row-major. */
  x: Float32Array;
  /** count × outputs targets. */
  y: Float32Array;
  /** Row index of each window's first target. */
  targetRows: Int32Array;
}

export interface WindowOptions {
  lookBack: number;
  /** Targets per window (1 for the recursive network). */
  outputs: number;
  /** Only windows whose first target row is ≥ this (fine-tuning on new points). */
  minTargetRow?: number;
  /** Keep at most this many windows, the newest. */
  maxWindows?: number;
  /**
   * Centre each window on the mean of its inputs (inputs and targets minus that mean): the
   * network then learns shapes, not levels, and a level it never saw does not saturate it.
   */
  centre?: boolean;
}

/**
 * Windows (z[t−L … t−1] → z[t … t+S−1]) over a scaled sequence, skipping any window that touches
 * a non-finite value. Oldest first.
 */
export function makeWindows(z: ArrayLike<number>, options: WindowOptions): Windows {
  const { lookBack: L, outputs: S } = options;
  const n = z.length;
  const from = Math.max(L, options.minTargetRow ?? 0);
  // Last non-finite index seen, so each window's validity is O(1).
  const bad = new Int32Array(n + 1);
  let lastBad = -1;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(z[i])) {
      lastBad = i;
    }
    bad[i] = lastBad;
  }
  const starts: number[] = [];
  for (let t = from; t + S <= n; t++) {
    if (bad[t + S - 1] < t - L) {
      starts.push(t);
    }
  }
  const keep =
    options.maxWindows !== undefined ? starts.slice(Math.max(0, starts.length - options.maxWindows)) : starts;
  const x = new Float32Array(keep.length * L);
  const y = new Float32Array(keep.length * S);
  const targetRows = new Int32Array(keep.length);
  keep.forEach((t, w) => {
    const m = options.centre ? windowMean(z, t - L, t) : 0;
    for (let j = 0; j < L; j++) {
      x[w * L + j] = z[t - L + j] - m;
    }
    for (let j = 0; j < S; j++) {
      y[w * S + j] = z[t + j] - m;
    }
    targetRows[w] = t;
  });
  return { count: keep.length, lookBack: L, outputs: S, x, y, targetRows };
}

/** Mean of z[from…to−1]. */
export function windowMean(z: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) {
    s += z[i];
  }
  return to > from ? s / (to - from) : 0;
}

/** A seeded Fisher–Yates permutation of 0…n−1, so training order is reproducible. */
export function seededPermutation(n: number, seed: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    p[i] = i;
  }
  const rng = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const tmp = p[i];
    p[i] = p[j];
    p[j] = tmp;
  }
  return p;
}

/** Rows of `w` reordered by `order` (training batches then mix old and new cycles). */
export function permuteWindows(w: Windows, order: Int32Array): Windows {
  const x = new Float32Array(w.x.length);
  const y = new Float32Array(w.y.length);
  const targetRows = new Int32Array(w.count);
  for (let k = 0; k < w.count; k++) {
    const src = order[k];
    x.set(w.x.subarray(src * w.lookBack, (src + 1) * w.lookBack), k * w.lookBack);
    y.set(w.y.subarray(src * w.outputs, (src + 1) * w.outputs), k * w.outputs);
    targetRows[k] = w.targetRows[src];
  }
  return { ...w, x, y, targetRows };
}
