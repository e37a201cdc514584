/**
 * NAB series for the LSTM benchmark: read a `timestamp,value` CSV and bring it to hourly means.
 */
import { readFileSync } from 'node:fs';

const HOUR = 3_600_000;

/** An hourly series read from one NAB file, with what the resampling did to it. */
export interface NabHourly {
  /** File name without `.csv`. */
  id: string;
  /** Epoch ms of the first hour kept (UTC hour boundary). */
  start: number;
  /** Hourly means. */
  values: number[];
  /** Raw rows read (finite values). */
  rawRows: number;
  /** Median raw step in ms. */
  rawStep: number;
  /** Empty hours inside the series, filled by linear interpolation. */
  filled: number;
}

/**
 * Reads a NAB CSV (header, then `YYYY-MM-DD HH:MM:SS,value`, timestamps taken as UTC) and, when
 * the median step is shorter than an hour, averages the values in each UTC clock hour. Partial hours
 * at either end (fewer than half the samples the median step implies) are dropped so the held-out
 * tail is not one noisy partial mean; an empty hour inside (a gap over an hour) is filled by linear
 * interpolation between its neighbours. Series already hourly or coarser are returned as read.
 * Returns null when the file has fewer than two finite rows.
 */
export function readNabHourly(path: string, id: string): NabHourly | null {
  const times: number[] = [];
  const vals: number[] = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/).slice(1)) {
    const [ts, v] = line.split(',');
    const t = Date.parse(`${ts?.trim().replace(' ', 'T')}Z`);
    const x = Number(v);
    if (Number.isFinite(t) && v !== undefined && v.trim() !== '' && Number.isFinite(x)) {
      times.push(t);
      vals.push(x);
    }
  }
  if (times.length < 2) {
    return null;
  }
  const steps = times
    .slice(1)
    .map((t, i) => t - times[i])
    .sort((a, b) => a - b);
  const rawStep = steps[Math.floor(steps.length / 2)];
  if (rawStep >= HOUR) {
    return { id, start: times[0], values: vals, rawRows: vals.length, rawStep, filled: 0 };
  }
  const first = Math.floor(times[0] / HOUR);
  const n = Math.floor(times[times.length - 1] / HOUR) - first + 1;
  const sum = new Float64Array(n);
  const count = new Float64Array(n);
  for (let i = 0; i < times.length; i++) {
    const h = Math.floor(times[i] / HOUR) - first;
    sum[h] += vals[i];
    count[h]++;
  }
  const full = HOUR / rawStep;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi && count[lo] < full / 2) {
    lo++;
  }
  while (hi > lo && count[hi] < full / 2) {
    hi--;
  }
  const values: number[] = [];
  let filled = 0;
  for (let h = lo; h <= hi; h++) {
    values.push(count[h] > 0 ? sum[h] / count[h] : NaN);
  }
  for (let k = 0; k < values.length; k++) {
    if (Number.isNaN(values[k])) {
      // Both neighbours exist: the ends are non-empty after trimming.
      let b = k;
      while (Number.isNaN(values[b])) {
        b++;
      }
      const a = k - 1;
      for (let j = k; j < b; j++) {
        values[j] = values[a] + ((values[b] - values[a]) * (j - a)) / (b - a);
        filled++;
      }
      k = b;
    }
  }
  return { id, start: (first + lo) * HOUR, values, rawRows: vals.length, rawStep, filled };
}
