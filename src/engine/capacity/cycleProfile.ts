import { finiteMedian, robustSd } from '../stats/rollingMedian';

/**
 * A calendar cycle (daily or weekly) found in the data: the median shape of one period, binned by
 * time of day (or of week), estimated around a centred moving average over one period, which
 * removes the cycle and keeps any straight trend (a median would not: on a series that rises
 * through the day it returns the data itself). Steps are smeared over a period by the average;
 * the per-bin medians over many periods keep those few periods out of the shape. It covers a day/night swing and a
 * log-rotation sawtooth alike (any shape that repeats at the same clock time).
 */
export interface CycleProfile {
  periodMs: number;
  /** Bin width in ms; value of bin k applies to times whose phase falls in [k·binMs, (k+1)·binMs). */
  binMs: number;
  /** Zero-mean shape per bin. */
  figure: Float64Array;
  /** Half the peak-to-peak of the figure, in the series' units. */
  amplitude: number;
  /** Var(figure) / (expected var of a figure fitted to noise): ≥ 4 counts as a real cycle. */
  strength: number;
}

const MIN_CYCLES = 2;
/** A weekly shape from two weeks is mostly those two weeks' noise and trend bends: three at least. */
const MIN_WEEKLY_CYCLES = 3;
/** A figure must vary four times more than one fitted to pure noise would. */
const MIN_STRENGTH = 4;

/**
 * Estimates the cycle of `periodMs` in `y` (times t0 + x[i]·step), or null when the data holds
 * fewer than two periods, fewer than 4 rows per period, or no shape stronger than noise.
 */
export function findCycle(y: Float64Array, times: Float64Array, periodMs: number, rowMs: number): CycleProfile | null {
  const n = y.length;
  const rowsPerPeriod = periodMs / rowMs;
  const span = times[n - 1] - times[0] + rowMs;
  const minCycles = periodMs > 86_400_000 ? MIN_WEEKLY_CYCLES : MIN_CYCLES;
  if (rowsPerPeriod < 4 || span < minCycles * periodMs) {
    return null;
  }
  // Daily: up to 96 bins (15 minutes: a log rotation's drop stays sharp). Weekly: 28 bins of 6 hours
  // (a weekend's slower growth is a smooth shape; finer bins would only add noise).
  const bins = Math.max(4, Math.min(Math.round(rowsPerPeriod), periodMs > 86_400_000 ? 28 : 96));
  const binMs = periodMs / bins;
  const level = periodMean(y, Math.round(rowsPerPeriod));
  // Rows grouped by bin (counting sort into one buffer): each bin's values are a slice of it.
  const binIndex = new Int32Array(n);
  const counts = new Int32Array(bins + 1);
  const detrended = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    detrended[i] = y[i] - level[i];
    binIndex[i] = binOf(times[i], periodMs, binMs, bins);
    if (Number.isFinite(detrended[i])) {
      counts[binIndex[i] + 1]++;
    }
  }
  for (let k = 0; k < bins; k++) {
    counts[k + 1] += counts[k];
  }
  const grouped = new Float64Array(counts[bins]);
  const cursor = counts.slice(0, bins);
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(detrended[i])) {
      grouped[cursor[binIndex[i]]++] = detrended[i];
    }
  }
  const size = (k: number): number => counts[k + 1] - counts[k];
  const figure = new Float64Array(bins);
  let filled = 0;
  let mean = 0;
  for (let k = 0; k < bins; k++) {
    if (size(k) >= MIN_CYCLES) {
      figure[k] = finiteMedian(grouped, counts[k], counts[k + 1]);
      mean += figure[k];
      filled++;
    }
  }
  if (filled < bins / 2) {
    return null;
  }
  mean /= filled;
  let lo = Infinity;
  let hi = -Infinity;
  let varFigure = 0;
  for (let k = 0; k < bins; k++) {
    figure[k] = size(k) >= MIN_CYCLES ? figure[k] - mean : 0;
    lo = Math.min(lo, figure[k]);
    hi = Math.max(hi, figure[k]);
    varFigure += (figure[k] * figure[k]) / bins;
  }
  const resid = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    resid[i] = detrended[i] - figure[binIndex[i]];
  }
  const s = robustSd(resid);
  const cycles = span / periodMs;
  // A bin's median of k values has variance ≈ (π/2)·s²/k, with k the bin's rows discounted for
  // their autocorrelation (neighbours in one cycle move together), and never fewer than the cycles.
  const rho = Math.max(0, lagOneCorrelation(resid));
  const perBin = n / bins;
  const effective = Math.max(Math.min(cycles, perBin), (perBin * (1 - rho)) / (1 + rho));
  const noiseVar = ((Math.PI / 2) * s * s) / effective;
  const strength = noiseVar > 0 ? varFigure / noiseVar : varFigure > 0 ? Infinity : 0;
  if (!(strength >= MIN_STRENGTH)) {
    return null;
  }
  return { periodMs, binMs, figure, amplitude: (hi - lo) / 2, strength };
}

export function binOf(t: number, periodMs: number, binMs: number, bins: number): number {
  // A division instead of a floating remainder (a library call, and every row of every series
  // pays it); exact for times in ms, the remainder decides where rounding could leave the period.
  let phase = t - Math.floor(t / periodMs) * periodMs;
  if (!(phase >= 0 && phase < periodMs)) {
    phase = ((t % periodMs) + periodMs) % periodMs;
  }
  return Math.min(bins - 1, Math.floor(phase / binMs));
}

/** The cycle's value at time t. */
export function cycleAt(c: CycleProfile, t: number): number {
  return c.figure[binOf(t, c.periodMs, c.binMs, c.figure.length)];
}

function lagOneCorrelation(e: Float64Array): number {
  let num = 0;
  let den = 0;
  let prev = NaN;
  for (let i = 0; i < e.length; i++) {
    if (Number.isFinite(e[i])) {
      den += e[i] * e[i];
      if (Number.isFinite(prev)) {
        num += e[i] * prev;
      }
    }
    prev = e[i];
  }
  return den > 0 ? num / den : 0;
}

/**
 * Centred moving average over one period of `p` rows, skipping NaN (classical 2×p average when p is
 * even: half weights at both ends); NaN within half a period of either end.
 */
function periodMean(y: Float64Array, p: number): Float64Array {
  const n = y.length;
  const sum = new Float64Array(n + 1);
  const cnt = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const ok = Number.isFinite(y[i]);
    sum[i + 1] = sum[i] + (ok ? y[i] : 0);
    cnt[i + 1] = cnt[i] + (ok ? 1 : 0);
  }
  const half = Math.floor(p / 2);
  const even = p % 2 === 0;
  const out = new Float64Array(n).fill(NaN);
  for (let i = half; i + half < n; i++) {
    const a = i - half;
    const b = i + half + 1;
    let sw = sum[b] - sum[a];
    let cw = cnt[b] - cnt[a];
    // Half weights at both ends (two statements, not a loop over [a, b − 1]: an array per row).
    if (even && Number.isFinite(y[a])) {
      sw -= y[a] / 2;
      cw -= 0.5;
    }
    if (even && Number.isFinite(y[b - 1])) {
      sw -= y[b - 1] / 2;
      cw -= 0.5;
    }
    if (cw >= p / 2) {
      out[i] = sw / cw;
    }
  }
  return out;
}
