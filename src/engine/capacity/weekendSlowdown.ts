/**
 * Slower growth at weekends: many disks fill with the work done on them, and Saturdays and Sundays
 * see less of it. Left in, the weekday/weekend bends read as slope changes, and a trend fitted over
 * a few weekdays runs ahead of the weekly average. Found from the data: each whole UTC day's growth
 * is the slope of a line through its rows, divided by the median of the weekdays within three days
 * of it in the same piece (between level shifts), where that rate is well measured; when the
 * median such ratio k of weekend days is below 0.9, the series may grow at rate k·g on weekends
 * and g on weekdays (the weekly mean rate ḡ = (5g + 2kg)/7 is the trend's), and the zero-mean bend
 * this makes around the mean-rate line is returned as a candidate: the caller keeps it when taking
 * it out pays in the segmentation. Five days holding one whole weekend day are enough to see it.
 */
import { median } from '../stats/median';
import { pieceSums } from './commonSlopeFit';

const DAY = 86_400_000;
const HOUR = DAY / 24;
/** A weekday reference rate must be this many day-slope noises above zero to measure a ratio by. */
const MIN_REF_NOISES = 3;

export interface WeekendSlowdown {
  /** Weekend rate / weekday rate, in [0, 1). */
  factor: number;
  /** Mean growth per day over a week (the trend's rate). */
  meanPerDay: number;
  /** The bend at time t, in the series' units (zero mean over a week). */
  at(t: number): number;
}

/** Days of week (UTC) that grow slower: Saturday and Sunday. Epoch day 0 was a Thursday. */
function isWeekend(t: number): boolean {
  const dow = (Math.floor(t / DAY) + 4) % 7; // 0 = Sunday
  return dow === 0 || dow === 6;
}

/**
 * `y` is the series with its level shifts taken out; `shiftTimes` says where they were: a clean-up
 * often comes with a new write rate, so a day is compared with the weekdays of its own piece.
 */
export function findWeekendSlowdown(
  y: Float64Array,
  times: Float64Array,
  shiftTimes: number[] = []
): WeekendSlowdown | null {
  const n = y.length;
  if (n < 8 || times[n - 1] - times[0] < 5 * DAY) {
    return null;
  }
  const pieceOf = (t: number): number => shiftTimes.filter((s) => s <= t).length;
  const days: Array<{ day: number; weekend: boolean; slope: number; piece: number }> = [];
  let a = 0;
  while (a < n) {
    const day = Math.floor(times[a] / DAY);
    let b = a;
    while (b < n && Math.floor(times[b] / DAY) === day) {
      b++;
    }
    const slope = daySlope(y, times, a, b);
    // A day with a shift in it grew partly at the old rate and partly at the new one: it speaks
    // for neither piece.
    const mixed = shiftTimes.some((s) => s > times[a] && s <= times[b - 1]);
    if (slope !== null && !mixed) {
      days.push({ day, weekend: isWeekend(times[a]), slope, piece: pieceOf((day + 0.5) * DAY) });
    }
    a = b;
  }
  // Each day against the weekdays around it (within 3 days, same piece): the rate may change over
  // the weeks (a clean-up, a new workload), the weekend's share of it less so. Only where the
  // growth is well measured: a ratio to a rate near zero is noise (a flat piece says nothing about
  // weekends).
  const refOf = (d: (typeof days)[number]): number => {
    const around = days
      .filter((o) => !o.weekend && o !== d && o.piece === d.piece && Math.abs(o.day - d.day) <= 3)
      .map((o) => o.slope);
    return around.length >= 2 ? median(around) : NaN;
  };
  const refs = days.map(refOf);
  const weekdayNoise =
    1.4826 *
    median(days.flatMap((d, i) => (!d.weekend && Number.isFinite(refs[i]) ? [Math.abs(d.slope - refs[i])] : [])));
  const ratios = (weekend: boolean): number[] =>
    days.flatMap((d, i) =>
      d.weekend === weekend && refs[i] > MIN_REF_NOISES * weekdayNoise ? [d.slope / refs[i]] : []
    );
  const weekend = ratios(true);
  const weekday = ratios(false);
  // One weekend day is enough for a candidate: a series that ends in its first weekend needs the
  // bend most (its last day's slowness would read as a slope change), and the caller's cost test
  // keeps a false one out.
  if (weekend.length < 1 || weekday.length < 3) {
    return null;
  }
  // A candidate only: the caller keeps it when taking its bend out pays in the segmentation (a
  // test on a handful of day ratios alone was both too strict and too easily fooled).
  const w = median(weekend);
  if (!(w < 0.9)) {
    return null;
  }
  const growth = days.filter((d) => !d.weekend).map((d) => d.slope);
  const g = median(growth);
  if (!(g > 0)) {
    return null;
  }
  // The weekday rate around each day of each piece (the bend's size follows the local rate: a
  // clean-up or a new workload can change it from one week to the next), the partial last day
  // included, interpolated between day centres: a rate that jumped at midnight would put a step
  // into the bend, which the fit would read as a level shift.
  const weekdays = days.filter((d) => !d.weekend);
  const rates = new Map<number, number>();
  const rateFor = (day: number, piece: number): number => {
    const key = day * (shiftTimes.length + 1) + piece;
    let r = rates.get(key);
    if (r === undefined) {
      const mine = weekdays.filter((o) => o.piece === piece);
      let around = mine.filter((o) => Math.abs(o.day - day) <= 3);
      if (around.length < 2) {
        around = mine.sort((p, q) => Math.abs(p.day - day) - Math.abs(q.day - day)).slice(0, 3);
      }
      r = around.length > 0 ? Math.max(0, median(around.map((o) => o.slope))) : g;
      rates.set(key, r);
    }
    return r;
  };
  const rateAt = (t: number): number => {
    const piece = pieceOf(t);
    const u = t / DAY - 0.5;
    const k = Math.floor(u);
    return rateFor(k, piece) + (u - k) * (rateFor(k + 1, piece) - rateFor(k, piece));
  };
  const factor = Math.max(0, w);
  const meanPerDay = (5 * g + 2 * factor * g) / 7;
  const toMean = (5 + 2 * factor) / 7;
  // Bend of the level around the mean-rate line over one week, tabulated per hour from Monday 00:00.
  const weekdayRate = 7 / (5 + 2 * factor);
  const table = new Float64Array(7 * 24 + 1);
  for (let h = 0; h < 7 * 24; h++) {
    const m = h >= 5 * 24 ? factor * weekdayRate : weekdayRate;
    table[h + 1] = table[h] + (m - 1) / 24;
  }
  let mean = 0;
  for (let h = 0; h < 7 * 24; h++) {
    mean += (table[h] + table[h + 1]) / 2 / (7 * 24);
  }
  return {
    factor,
    meanPerDay,
    at(t: number): number {
      const fromMonday = ((((Math.floor(t / DAY) + 3) % 7) + 7) % 7) * DAY + (((t % DAY) + DAY) % DAY);
      const hours = fromMonday / HOUR;
      const h = Math.min(7 * 24 - 1, Math.floor(hours));
      const f = hours - h;
      const rate = rateAt(t) * toMean;
      return rate * (table[h] + f * (table[h + 1] - table[h]) - mean);
    },
  };
}

/** Slope per day of the rows [a, b) (one UTC day), or null with fewer than 4 values or under 12 hours covered. */
function daySlope(y: Float64Array, times: Float64Array, a: number, b: number): number | null {
  let first = Infinity;
  let last = -Infinity;
  for (let i = a; i < b; i++) {
    if (Number.isFinite(y[i])) {
      first = Math.min(first, times[i]);
      last = Math.max(last, times[i]);
    }
  }
  const p = pieceSums(times, y, a, b);
  if (p.m < 4 || last - first < DAY / 2 || !(p.sxx > 0)) {
    return null;
  }
  return (p.sxy / p.sxx) * DAY;
}
