/**
 * The RRD trend article's projection and its "reaching 90 on / reaching 100 on" dates
 * (shared/seeds/002_*.txt):
 *
 *   VDEF:slope=x,LSLSLOPE  VDEF:int=x,LSLINT
 *   CDEF:proj=x,POP,slope,COUNT,*,int,+    CDEF:pred=proj,LO,HI,LIMIT
 *   VDEF:minpred=pred,FIRST                VDEF:maxpred=pred,LAST
 *
 * Reference: shared/oracles/README.md §1 "The blog's projection" (rrdtool 1.7.2). COUNT is
 * 1-based, so row i gets int + slope·(i+1): the fitted line one step LATER than row i. FIRST
 * reports the first finite row's interval START (row time − step); LAST reports the last finite
 * row's time (interval end). Both scan every internal row, including the one at E+step.
 */
import type { RrdLsl } from './rrdLsl';

/** `proj` on rows 0..rowCount−1: intercept + slope·(i+1). NaN everywhere if the fit is NaN. */
export function rrdLslProjection(fit: Pick<RrdLsl, 'slope' | 'intercept'>, rowCount: number): Float64Array {
  const out = new Float64Array(Math.max(0, Math.floor(rowCount) || 0));
  for (let i = 0; i < out.length; i++) {
    out[i] = fit.intercept + fit.slope * (i + 1);
  }
  return out;
}

/**
 * RPN `v,lo,hi,LIMIT`: v where lo ≤ v ≤ hi (both inclusive), NaN elsewhere. As the rrdgraph_rpn man page
 * states, an unknown or infinite v, lo or hi gives unknown.
 */
export function rrdLimit(values: ArrayLike<number>, lo: number, hi: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    return out;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && v >= lo && v <= hi) {
      out[i] = v;
    }
  }
  return out;
}

export interface RrdVdefPoint {
  /** Row index, or −1 when no row is finite. */
  row: number;
  value: number;
  /** The time rrdtool prints with `%s:strftime`, epoch ms; null when no row is finite ("-"). */
  time: number | null;
}

const NONE: RrdVdefPoint = { row: -1, value: NaN, time: null };

/**
 * VDEF FIRST: the first finite row. Its time is the START of that row's interval,
 * firstRowTime + (row − 1)·step (firstRowTime = time of row 0, epoch ms).
 */
export function rrdVdefFirst(values: ArrayLike<number>, firstRowTime: number, step: number): RrdVdefPoint {
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      return { row: i, value: values[i], time: firstRowTime + (i - 1) * step };
    }
  }
  return NONE;
}

/** VDEF LAST: the last finite row; its time is the row's own time (end of its interval). */
export function rrdVdefLast(values: ArrayLike<number>, firstRowTime: number, step: number): RrdVdefPoint {
  for (let i = values.length - 1; i >= 0; i--) {
    if (Number.isFinite(values[i])) {
      return { row: i, value: values[i], time: firstRowTime + i * step };
    }
  }
  return NONE;
}

export interface RrdLslThresholdTimes {
  /** `proj` over the internal rows. */
  proj: Float64Array;
  /** `pred` = proj limited to [lo, hi]. */
  pred: Float64Array;
  /** `minpred` (pred,FIRST): when the projection first lies in [lo, hi] ("reaching LO on"). */
  first: RrdVdefPoint;
  /** `maxpred` (pred,LAST): the last row inside [lo, hi] ("reaching HI on" for a rising line). */
  last: RrdVdefPoint;
}

/**
 * The article's whole recipe on already-fitted rows: projection, LIMIT lo..hi, FIRST/LAST.
 * `rowCount`, `firstRowTime` (epoch ms of row 0) and `step` (ms) describe the internal rows
 * (see rrdGraphRows). Times are null when the projection never enters [lo, hi].
 */
export function rrdLslThresholdTimes(
  fit: Pick<RrdLsl, 'slope' | 'intercept'>,
  rowCount: number,
  firstRowTime: number,
  step: number,
  lo: number,
  hi: number
): RrdLslThresholdTimes {
  const proj = rrdLslProjection(fit, rowCount);
  const pred = rrdLimit(proj, lo, hi);
  return {
    proj,
    pred,
    first: rrdVdefFirst(pred, firstRowTime, step),
    last: rrdVdefLast(pred, firstRowTime, step),
  };
}
