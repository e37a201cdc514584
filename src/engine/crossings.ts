import { Crossing, CrossingStatus, Direction, Forecast } from './types';

/** How thresholds are read: as upper limits (usage reaching 90%), lower limits (free space reaching 0), or decided per series. */
export type ThresholdDirection = 'auto' | 'rising' | 'falling';

export interface CrossingInput {
  /** Time of the last observation, where the forecast starts. */
  lastTime: number;
  /** The model's level at lastTime (less noisy than the last raw value). */
  anchor: number;
  forecast: Forecast;
  /**
   * The trend to date crossings on instead of the forecast and its band (same times): its level
   * at lastTime, values and confidence band. A forecast that draws a daily cycle reaches 90 % at
   * the first peak above it; the capacity question is when the trend gets there.
   */
  trend?: { anchor: number; point: ArrayLike<number>; lower: ArrayLike<number>; upper: ArrayLike<number> };
}

/**
 * When does the forecast reach each threshold? For each threshold: the first time the point
 * forecast reaches it (linear interpolation between steps, starting from the anchor at lastTime),
 * and the earliest / latest plausible times from the band's edges: rising towards an upper limit,
 * the upper edge gets there first (earliest) and the lower edge last (latest); mirrored for falling.
 *
 * Direction 'auto': a threshold above the current level is an upper limit to rise to; one below it
 * is a lower limit to fall to when the forecast falls, and an upper limit already passed when it
 * does not (a disk at 95% rising is "already beyond" 90%).
 */
export function findCrossings(
  input: CrossingInput,
  thresholds: number[],
  direction: ThresholdDirection = 'auto'
): Crossing[] {
  const out: Crossing[] = [];
  for (const threshold of thresholds) {
    if (!Number.isFinite(threshold)) {
      continue;
    }
    out.push(crossingFor(input, threshold, direction));
  }
  return out;
}

function crossingFor(input: CrossingInput, threshold: number, mode: ThresholdDirection): Crossing {
  const curve = input.trend ?? input.forecast;
  const anchor = input.trend ? input.trend.anchor : input.anchor;
  const heading = trendHeading(anchor, curve.point);
  let direction: Direction;
  if (mode === 'rising' || mode === 'falling') {
    direction = mode;
  } else if (anchor < threshold) {
    direction = 'rising';
  } else if (anchor > threshold && heading < 0) {
    direction = 'falling';
  } else {
    direction = 'rising';
  }
  const beyond = direction === 'rising' ? anchor >= threshold : anchor <= threshold;
  if (beyond) {
    return { threshold, direction, status: 'already-beyond', time: null, earliest: null, latest: null };
  }
  const time = firstReach(input, anchor, curve.point, threshold, direction);
  const near = direction === 'rising' ? curve.upper : curve.lower;
  const far = direction === 'rising' ? curve.lower : curve.upper;
  const earliest = firstReach(input, anchor, near, threshold, direction);
  const latest = time === null ? null : firstReach(input, anchor, far, threshold, direction);
  let status: CrossingStatus;
  if (time !== null) {
    status = 'crosses';
  } else {
    const towards = direction === 'rising' ? heading > 0 : heading < 0;
    status = towards ? 'not-within-horizon' : 'moves-away';
  }
  return { threshold, direction, status, time, earliest, latest };
}

/** +1 when the forecast ends above where it starts, −1 below, 0 flat or unknown. */
function trendHeading(anchor: number, point: ArrayLike<number>): number {
  for (let k = point.length - 1; k >= 0; k--) {
    if (Number.isFinite(point[k])) {
      const d = point[k] - anchor;
      return d > 0 ? 1 : d < 0 ? -1 : 0;
    }
  }
  return 0;
}

/** First interpolated time at which `values` reaches the threshold, walking from (lastTime, anchor). */
function firstReach(
  input: CrossingInput,
  anchor: number,
  values: ArrayLike<number>,
  threshold: number,
  direction: Direction
): number | null {
  const times = input.forecast.times;
  let prevT = input.lastTime;
  let prevV = anchor;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v)) {
      continue;
    }
    const reached = direction === 'rising' ? v >= threshold : v <= threshold;
    if (reached) {
      if (!Number.isFinite(prevV) || prevV === v) {
        return times[k];
      }
      const frac = (threshold - prevV) / (v - prevV);
      const clamped = frac < 0 ? 0 : frac > 1 ? 1 : frac;
      return prevT + clamped * (times[k] - prevT);
    }
    prevT = times[k];
    prevV = v;
  }
  return null;
}
