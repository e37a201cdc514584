/**
 * The naive robust baseline of the crossing-date benchmark: what an SRE could write in thirty
 * lines. Clean-ups are sudden drops that the 24-hour rolling median confirms; the line is least
 * squares over the points after the last one (at most 14 days), leaving out points that stand
 * above the rolling median (spikes). It knows nothing of cycles, slope changes without a drop,
 * autocorrelation or uncertainty: the floor a model must beat, not a goal.
 */
import { median } from '../support/stats';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** First index with times[i] >= t (times ascending). */
function lowerBound(times: number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

function medianIn(times: number[], values: number[], from: number, to: number): number {
  return median(values.slice(lowerBound(times, from), lowerBound(times, to)));
}

/** The baseline's crossing date (rising threshold), or null when its line does not reach it within the horizon. */
export function robustBaselineCrossing(
  times: number[],
  values: number[],
  threshold: number,
  horizonMs: number
): number | null {
  const n = times.length;
  const diffs: number[] = [];
  for (let i = 1; i < n; i++) {
    diffs.push(Math.abs(values[i] - values[i - 1]));
  }
  const drop = Math.max(1, 8 * 1.4826 * median(diffs));
  let from = times[0];
  for (let i = 1; i < n; i++) {
    if (values[i] - values[i - 1] < -drop) {
      const before = medianIn(times, values, times[i] - DAY, times[i]);
      const after = medianIn(times, values, times[i], times[i] + DAY);
      if (after < before - drop / 2) {
        from = times[i];
      }
    }
  }
  const end = times[n - 1];
  from = Math.max(from, end - 14 * DAY);
  // Spikes: more than 3 robust sd above the median of the surrounding day.
  const xs: number[] = [];
  const ys: number[] = [];
  // The rolling median of the surrounding day, from hourly medians (cheap on 1-minute data).
  const hourly = new Map<number, number>();
  const first = lowerBound(times, from);
  for (let a = first; a < n;) {
    const h = Math.floor(times[a] / HOUR);
    const b = lowerBound(times, (h + 1) * HOUR);
    hourly.set(h, median(values.slice(a, b)));
    a = b;
  }
  const resid: number[] = [];
  for (let i = first; i < n; i++) {
    const h = Math.floor(times[i] / HOUR);
    const around: number[] = [];
    for (let d = -12; d <= 12; d++) {
      const m = hourly.get(h + d);
      if (m !== undefined) {
        around.push(m);
      }
    }
    resid.push(values[i] - median(around));
  }
  const sd = 1.4826 * median(resid.map(Math.abs)) || 1e-9;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (times[i] >= from) {
      if (resid[k] <= 3 * sd) {
        xs.push(times[i] - end);
        ys.push(values[i]);
      }
      k++;
    }
  }
  if (xs.length < 2) {
    return null;
  }
  const xm = xs.reduce((a, b) => a + b, 0) / xs.length;
  const ym = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxx += (xs[i] - xm) ** 2;
    sxy += (xs[i] - xm) * (ys[i] - ym);
  }
  const slope = sxy / sxx;
  const level = ym - slope * xm;
  if (level >= threshold) {
    return end;
  }
  if (!(slope > 0)) {
    return null;
  }
  const dt = (threshold - level) / slope;
  return dt <= horizonMs ? end + dt : null;
}
