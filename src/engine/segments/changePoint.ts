/**
 * Robust "start of the last trend segment": the default for the last-trend model
 * (design/architecture.md), replacing the seed's derivative-peak loop (seedSegmentFit.ts), whose
 * last peak on noisy high-frequency data usually lies among the last few samples.
 *
 * Method: piecewise-linear segmentation by penalised least squares.
 * - Model: y is a sequence of straight-line segments (each with its own slope and intercept, so a
 *   clean-up drop and a slope change are both a change), plus noise of variance σ².
 * - Cost of a segment: SSE of its OLS line (O(1) from prefix sums; NaN rows are skipped but keep
 *   their index). A change is accepted when it lowers the total SSE by more than
 *   β = penaltyFactor · σ² · ln(n) (BIC-like: a change adds a slope, an intercept and a position).
 * - σ² is robust and counts short-scale wiggles as noise: the median, over non-overlapping
 *   windows of `noiseWindow` samples, of the residual variance around each window's own line
 *   (median ⇒ the few windows that straddle a change do not inflate it). A daily wave inside the
 *   windows therefore raises σ² instead of being cut into segments.
 * - Optional `period`: a seasonal figure (per-phase median of y minus its centred moving
 *   average) is removed first, so a regular cycle (weekends…) is not mistaken for changes.
 * - Search: binary segmentation (best single split of a segment, recursively, while the gain
 *   exceeds β), then rounds of refinement: every change is moved to its best position between its
 *   neighbours and dropped when its gain there falls below β. O(n log n) typical.
 * A change index is the first row of the new segment, moved forward onto a finite value.
 */
import { Problem } from '../types';
import { movingAverageTrend } from '../stats/decompose';
import { median } from '../stats/median';

export interface ChangePointOptions {
  /** Seasonal period in rows, removed before segmenting (needs ≥ 2 cycles; ignored otherwise). */
  period?: number;
  /** Window of the noise estimate; default `period` if given, else round(√n) clamped to [8, n/4]. */
  noiseWindow?: number;
  /** β = penaltyFactor · σ² · ln n; default 3. */
  penaltyFactor?: number;
  /** Shortest segment in rows; default max(4, ⌊noiseWindow/4⌋). */
  minSegment?: number;
  /**
   * The noise variance the penalty scales with, when the caller knows it better than the windowed
   * estimate (e.g. the long-run variance of autocorrelated noise, engine/capacity/noiseLevel.ts).
   */
  variance?: number;
}

export interface TrendSegment {
  /** First row (inclusive). */
  start: number;
  /** Last row + 1 (exclusive). */
  end: number;
  /** OLS line over the segment's finite rows, x = row index (of the deseasonalised y). */
  slope: number;
  intercept: number;
}

export interface ChangePointResult {
  /** First row of the last segment: where the last trend starts (0 without a change). */
  lastStart: number;
  /** Starts of segments 2…k, ascending. */
  changePoints: number[];
  segments: TrendSegment[];
  /** Robust noise SD used for the penalty. */
  sigma: number;
  /** β in units of y². */
  penalty: number;
  /** Set when the input could not be segmented (too short, no finite values); then lastStart is 0. */
  problem: Problem | null;
}

/**
 * Finds the change points of a piecewise-linear series `y` (row-indexed; NaN/±Inf = missing).
 * Never throws; degenerate inputs return one segment and a `problem`.
 */
export function detectChangePoints(y: ArrayLike<number>, options: ChangePointOptions = {}): ChangePointResult {
  const n = y.length;
  let finite = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(y[i])) {
      finite++;
    }
  }
  const minSegmentDefault = (w: number): number => Math.max(4, Math.floor(w / 4));
  if (finite < 8) {
    return single(n, y, {
      code: 'too-few-points',
      message: `change points need at least 8 finite values, got ${finite}`,
    });
  }
  const period =
    options.period !== undefined && Number.isInteger(options.period) && options.period >= 2
      ? options.period
      : undefined;
  const work = period !== undefined && n >= 2 * period ? deseasonalise(y, period) : finiteOrNaN(y);
  const defaultWindow = period ?? Math.round(Math.sqrt(n));
  const window = clampInt(options.noiseWindow ?? defaultWindow, 8, Math.max(8, Math.floor(n / 4)));
  const minSeg = Math.max(2, Math.floor(options.minSegment ?? minSegmentDefault(window)));
  const sums = new PrefixSums(work);

  let variance =
    options.variance !== undefined && options.variance >= 0 ? options.variance : robustNoiseVariance(sums, n, window);
  // Exactly linear pieces give σ = 0: keep a tiny floor so that β stays positive.
  const scale = sums.range;
  variance = Math.max(variance, (1e-9 * Math.max(scale, 1e-300)) ** 2);
  const penalty = (options.penaltyFactor ?? 3) * variance * Math.log(n);

  let cps = binarySegmentation(sums, n, minSeg, penalty);
  cps = refine(sums, n, cps, minSeg, penalty);
  // Report each change on a finite row (a change inside a gap is placed after the gap).
  const moved: number[] = [];
  for (const c of cps) {
    let k = c;
    while (k < n && !Number.isFinite(work[k])) {
      k++;
    }
    if (k < n && (moved.length === 0 || moved[moved.length - 1] < k)) {
      moved.push(k);
    }
  }
  const bounds = [0, ...moved, n];
  const segments: TrendSegment[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const line = sums.line(bounds[s], bounds[s + 1]);
    segments.push({ start: bounds[s], end: bounds[s + 1], slope: line.slope, intercept: line.intercept });
  }
  return {
    lastStart: moved.length > 0 ? moved[moved.length - 1] : 0,
    changePoints: moved,
    segments,
    sigma: Math.sqrt(variance),
    penalty,
    problem: null,
  };
}

/** Shorthand: the first row of the last trend segment of `y` (0 when there is no change). */
export function lastTrendStart(y: ArrayLike<number>, options: ChangePointOptions = {}): number {
  return detectChangePoints(y, options).lastStart;
}

/** Prefix sums of 1, x, x², y, y², xy over finite rows, x centred on n/2 for precision. */
class PrefixSums {
  readonly c: Float64Array;
  readonly sx: Float64Array;
  readonly sxx: Float64Array;
  readonly sy: Float64Array;
  readonly syy: Float64Array;
  readonly sxy: Float64Array;
  readonly x0: number;
  readonly y0: number;
  readonly range: number;

  constructor(y: Float64Array) {
    const n = y.length;
    this.x0 = n / 2;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(y[i])) {
        lo = Math.min(lo, y[i]);
        hi = Math.max(hi, y[i]);
      }
    }
    this.y0 = Number.isFinite(lo) ? (lo + hi) / 2 : 0;
    this.range = Number.isFinite(lo) ? hi - lo : 0;
    this.c = new Float64Array(n + 1);
    this.sx = new Float64Array(n + 1);
    this.sxx = new Float64Array(n + 1);
    this.sy = new Float64Array(n + 1);
    this.syy = new Float64Array(n + 1);
    this.sxy = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      const ok = Number.isFinite(y[i]);
      const x = i - this.x0;
      const v = ok ? y[i] - this.y0 : 0;
      this.c[i + 1] = this.c[i] + (ok ? 1 : 0);
      this.sx[i + 1] = this.sx[i] + (ok ? x : 0);
      this.sxx[i + 1] = this.sxx[i] + (ok ? x * x : 0);
      this.sy[i + 1] = this.sy[i] + v;
      this.syy[i + 1] = this.syy[i] + v * v;
      this.sxy[i + 1] = this.sxy[i] + (ok ? x * v : 0);
    }
  }

  /** SSE of the OLS line over rows [a, b); 0 with fewer than 3 finite rows. */
  cost(a: number, b: number): number {
    const m = this.c[b] - this.c[a];
    if (m < 3) {
      return 0;
    }
    const sx = this.sx[b] - this.sx[a];
    const sy = this.sy[b] - this.sy[a];
    const qxx = this.sxx[b] - this.sxx[a] - (sx * sx) / m;
    const qyy = this.syy[b] - this.syy[a] - (sy * sy) / m;
    const qxy = this.sxy[b] - this.sxy[a] - (sx * sy) / m;
    const sse = qxx > 0 ? qyy - (qxy * qxy) / qxx : qyy;
    return sse > 0 ? sse : 0;
  }

  /** OLS line over rows [a, b) in the original x (row index) and y units. */
  line(a: number, b: number): { slope: number; intercept: number } {
    const m = this.c[b] - this.c[a];
    if (m < 1) {
      return { slope: NaN, intercept: NaN };
    }
    const sx = this.sx[b] - this.sx[a];
    const sy = this.sy[b] - this.sy[a];
    const qxx = this.sxx[b] - this.sxx[a] - (sx * sx) / m;
    const qxy = this.sxy[b] - this.sxy[a] - (sx * sy) / m;
    const slope = qxx > 0 ? qxy / qxx : m === 1 ? 0 : NaN;
    const xm = sx / m + this.x0;
    const ym = sy / m + this.y0;
    return { slope, intercept: ym - slope * xm };
  }
}

/**
 * Median over non-overlapping windows of the residual variance around each window's line,
 * corrected for the median of a χ² being below its mean (Wilson–Hilferty: (1 − 2/(9k))³).
 */
function robustNoiseVariance(sums: PrefixSums, n: number, window: number): number {
  const vars: number[] = [];
  let dof = window - 2;
  for (let a = 0; a + window <= n; a += window) {
    const m = sums.c[a + window] - sums.c[a];
    if (m >= Math.max(4, window / 2)) {
      vars.push(sums.cost(a, a + window) / (m - 2));
      dof = Math.min(dof, m - 2);
    }
  }
  if (vars.length === 0) {
    const m = sums.c[n];
    return m > 2 ? sums.cost(0, n) / (m - 2) : 0;
  }
  vars.sort((p, q) => p - q);
  const mid = vars.length >> 1;
  const median = vars.length % 2 ? vars[mid] : (vars[mid - 1] + vars[mid]) / 2;
  const k = Math.max(1, dof);
  return median / (1 - 2 / (9 * k)) ** 3;
}

/** Best split of [a, b) with both parts ≥ minSeg rows: position and SSE gain (−1 when none). */
function bestSplit(sums: PrefixSums, a: number, b: number, minSeg: number): { at: number; gain: number } {
  const whole = sums.cost(a, b);
  let best = -1;
  let at = -1;
  for (let t = a + minSeg; t <= b - minSeg; t++) {
    const gain = whole - sums.cost(a, t) - sums.cost(t, b);
    if (gain > best) {
      best = gain;
      at = t;
    }
  }
  return { at, gain: best };
}

function binarySegmentation(sums: PrefixSums, n: number, minSeg: number, penalty: number): number[] {
  const found: number[] = [];
  const stack: Array<[number, number]> = [[0, n]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    if (b - a < 2 * minSeg) {
      continue;
    }
    const s = bestSplit(sums, a, b, minSeg);
    if (s.at > 0 && s.gain > penalty) {
      found.push(s.at);
      stack.push([a, s.at], [s.at, b]);
    }
  }
  return found.sort((p, q) => p - q);
}

/**
 * Moves each change to its best position between its neighbours and removes it when that best
 * gain is not above β; repeats until nothing changes (at most 20 rounds).
 */
function refine(sums: PrefixSums, n: number, cps: number[], minSeg: number, penalty: number): number[] {
  let current = cps.slice();
  for (let round = 0; round < 20; round++) {
    let changed = false;
    for (let k = 0; k < current.length; k++) {
      const a = k === 0 ? 0 : current[k - 1];
      const b = k === current.length - 1 ? n : current[k + 1];
      const s = bestSplit(sums, a, b, minSeg);
      if (s.at < 0 || s.gain <= penalty) {
        current.splice(k, 1);
        k--;
        changed = true;
      } else if (s.at !== current[k]) {
        current[k] = s.at;
        changed = true;
      }
    }
    if (!changed) {
      break;
    }
  }
  return current;
}

/** y minus a seasonal figure: per phase, the median of y − (centred moving average). */
function deseasonalise(y: ArrayLike<number>, period: number): Float64Array {
  const trend = movingAverageTrend(y, period);
  const figure = new Float64Array(period);
  const bucket: number[] = [];
  for (let k = 0; k < period; k++) {
    bucket.length = 0;
    for (let i = k; i < y.length; i += period) {
      const d = y[i] - trend[i];
      if (Number.isFinite(d)) {
        bucket.push(d);
      }
    }
    figure[k] = bucket.length > 0 ? median(bucket) : 0;
  }
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    out[i] = Number.isFinite(y[i]) ? y[i] - figure[i % period] : NaN;
  }
  return out;
}

/** A typed copy with every non-finite value NaN (a loop: `Float64Array.from` with a mapping
 * function is many times slower, and every forecast of a fleet pays it). */
function finiteOrNaN(y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    out[i] = v - v === 0 ? v : NaN;
  }
  return out;
}

function clampInt(v: number, lo: number, hi: number): number {
  const r = Math.round(Number.isFinite(v) ? v : lo);
  return Math.min(hi, Math.max(lo, r));
}

function single(n: number, y: ArrayLike<number>, problem: Problem): ChangePointResult {
  const sums = new PrefixSums(finiteOrNaN(y));
  const line = n > 0 ? sums.line(0, n) : { slope: NaN, intercept: NaN };
  return {
    lastStart: 0,
    changePoints: [],
    segments: n > 0 ? [{ start: 0, end: n, slope: line.slope, intercept: line.intercept }] : [],
    sigma: NaN,
    penalty: NaN,
    problem,
  };
}
