/**
 * Shared types of the Trendcast engine. Plain TypeScript: no React, no Grafana, no tfjs.
 * Times are epoch milliseconds everywhere; a missing value is NaN.
 */

/** A raw series as it comes from a data frame or a CSV: any order, duplicates, gaps, junk allowed. */
export interface RawSeries {
  /** Display key, e.g. `host=web1`. */
  name: string;
  labels: Record<string, string>;
  times: ArrayLike<number>;
  values: ArrayLike<number | null | undefined>;
}

/**
 * A series on a regular grid: value i is at `start + i * step`. Gaps are NaN and keep their index,
 * exactly as RRDtool's rows do, so index-based fits (LSLSLOPE) see the same x as rrdtool.
 */
export interface RegularSeries {
  start: number;
  step: number;
  values: Float64Array;
}

/** Why a series could not be forecast, or what was repaired on the way. Never thrown: returned. */
export type ProblemCode =
  'no-points' | 'too-few-points' | 'no-finite-values' | 'constant' | 'too-many-gaps' | 'bad-option' | 'model-failed';

export interface Problem {
  code: ProblemCode;
  message: string;
}

export type NoticeCode =
  | 'unsorted'
  | 'duplicates-merged'
  | 'non-finite-dropped'
  | 'irregular-resampled'
  | 'gaps'
  | 'clamped-window'
  /** auto shows its statistical forecast: the LSTM it went on to train failed. */
  | 'lstm-failed';

export interface Notice {
  code: NoticeCode;
  message: string;
}

/** A forecast: parallel arrays over the horizon, the interval at `level` (0..1, e.g. 0.95). */
export interface Forecast {
  times: number[];
  point: number[];
  lower: number[];
  upper: number[];
  level: number;
}

export type Direction = 'rising' | 'falling';

export type CrossingStatus =
  /** The forecast reaches the threshold inside the horizon. */
  | 'crosses'
  /** The last observed value is already at or beyond the threshold. */
  | 'already-beyond'
  /** The forecast heads towards the threshold but does not reach it within the horizon. */
  | 'not-within-horizon'
  /** The forecast heads away from the threshold (or is flat): it will not be reached. */
  | 'moves-away';

export interface Crossing {
  threshold: number;
  /** Which way the series moves to reach the threshold. */
  direction: Direction;
  status: CrossingStatus;
  /** First time the point forecast reaches the threshold (interpolated), or null. */
  time: number | null;
  /** Earliest plausible crossing: the band edge nearest the threshold reaches it first. */
  earliest: number | null;
  /** Latest plausible crossing: when the far band edge reaches it, null when it does not in the horizon. */
  latest: number | null;
}
