/**
 * The seed's automatic grouping (shared/seeds/000_…): "trend-only" series go to a linear model,
 * "seasonal" ones to a seasonal model. The seed looks at the autocorrelation function of the raw
 * series (and a Pearson R of it); this file turns that into an explicit rule with a period.
 *
 * Rule (n = length, m = finite values, bound = z/√m with z = 2, the usual ±2/√n ACF band; since
 * K lags are scanned, the tests below use scanBound = max(z, √(2 ln K))/√m, about the largest of
 * K null ACF values, so white noise is not called seasonal by chance):
 * 1. Too short (m < minPoints, default 24) or constant → trend-only, with the reason.
 * 2. r = ACF of the raw values (acf.ts; NaN pairs skipped) up to lag 2·⌊n/3⌋ + 1.
 * 3. Candidates: local maxima L of r (findPeaks) with minPeriod ≤ L ≤ ⌊n/3⌋ (three cycles at
 *    least: two clean-up drops 250 rows apart are not a season).
 * 4. A candidate is significant when
 *    - r[L] > scanBound (a real positive correlation one cycle apart),
 *    - its prominence r[L] − max(min r[⌈L/2⌉..L], min r[L..⌊3L/2⌋]) ≥ max(scanBound, minProminence),
 *      default minProminence 0.15. Why the prominence: a trend alone keeps r high at every lag, so
 *      r[L] says little; the rise from the half-cycle trough to the full cycle is ≈ twice the share
 *      of the variance that the cycle explains. A cycle that small next to the trend (the disk's
 *      ±0.5 % daily wave on a 35 % sawtooth) is left to the trend model, as in the seed.
 *    - the second harmonic confirms it: max r[2L−1..2L+1] > scanBound.
 * 5. None significant → trend-only. Else the period is the significant candidate with the highest
 *    r[L] (the fundamental: r decays with the lag, so multiples score lower), replaced by the
 *    smallest significant candidate that divides it (|L − k·L'| ≤ k rows, k ≥ 2) with r[L'] not
 *    below r[L] − 2·bound: with noise a multiple can out-score the cycle by a little. Finally the
 *    period is L−1, L or L+1, whichever has the highest ACF summed over its multiples.
 * 6. With a known step (`stepMs`), a period within 5 % (at least 1 row) of one day or one week of
 *    rows is snapped to it exactly. If the period is one day and r at one week is above r at
 *    6 and 8 days, one week is reported as `secondaryPeriod`: weekly.csv gives 24 and 168.
 *    24 stays the period: its cycle is the strongest (r 0.85 against 0.68) and a 24-row model
 *    needs two days of history where a 168-row one needs two weeks.
 */
import { acf } from './acf';
import { findPeaks } from './findPeaks';
import { pearson } from './pearson';

export type SeasonalityGroup = 'trend-only' | 'seasonal';

export type SeasonalityReason = 'too-short' | 'constant' | 'no-significant-cycle' | 'significant-cycle';

export interface SeasonalityCandidate {
  lag: number;
  acf: number;
  prominence: number;
  /** max r over 2L−1 … 2L+1 (NaN when beyond the computed lags). */
  harmonic: number;
  significant: boolean;
}

export interface SeasonalityOptions {
  /** Row spacing in ms; enables snapping to one day / one week and the weekly secondary period. */
  stepMs?: number;
  /** Smallest period considered, rows (default 2). */
  minPeriod?: number;
  /** Largest period considered, rows (default ⌊n/3⌋; never more). */
  maxPeriod?: number;
  /** Fewer finite values than this → trend-only, 'too-short' (default 24). */
  minPoints?: number;
  /** z of the bound z/√m (default 2). */
  z?: number;
  /** Smallest prominence that counts (default 0.15). */
  minProminence?: number;
}

export interface SeasonalityResult {
  group: SeasonalityGroup;
  /** Period in rows when seasonal, else null. */
  period: number | null;
  /** A weaker calendar cycle that a longer model could use (one week when the period is one day). */
  secondaryPeriod: number | null;
  reason: SeasonalityReason;
  /** Human-readable explanation. */
  message: string;
  /** z/√m. */
  bound: number;
  /** max(z, √(2 ln K))/√m for the K lags scanned (NaN when nothing was scanned). */
  scanBound: number;
  /** ACF of the raw values at lags 0…(computed range). */
  acf: Float64Array;
  candidates: SeasonalityCandidate[];
  /** The seed's diagnostic: Pearson r between the ACF (lags 0…⌊n/2⌋) and the lag; NaN if undefined. */
  acfLagR: number;
}

/** Groups `values` (row-indexed, regular; NaN allowed) into trend-only or seasonal; see the rule above. */
export function detectSeasonality(values: ArrayLike<number>, options: SeasonalityOptions = {}): SeasonalityResult {
  const n = values.length;
  let m = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      m++;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const z = options.z ?? 2;
  const bound = m > 0 ? z / Math.sqrt(m) : NaN;
  const minPoints = options.minPoints ?? 24;
  const minPeriod = Math.max(2, Math.floor(options.minPeriod ?? 2));
  const maxPeriod = Math.min(Math.floor(n / 3), Math.floor(options.maxPeriod ?? n));
  const base = { period: null, secondaryPeriod: null, bound, scanBound: NaN, candidates: [], acfLagR: NaN };
  if (m < minPoints || maxPeriod < minPeriod) {
    return {
      ...base,
      group: 'trend-only',
      reason: 'too-short',
      message: `${m} finite values: too few to see a seasonal cycle (need ${minPoints}, and three cycles of at least ${minPeriod} rows)`,
      acf: new Float64Array(0),
    };
  }
  if (!(hi > lo)) {
    return {
      ...base,
      group: 'trend-only',
      reason: 'constant',
      message: 'the series is constant',
      acf: new Float64Array(0),
    };
  }
  const r = acf(values, Math.min(n - 1, 2 * maxPeriod + 1));
  const half = Math.min(r.length - 1, Math.floor(n / 2));
  const lags = new Float64Array(half + 1);
  for (let k = 0; k <= half; k++) {
    lags[k] = k;
  }
  const acfLagR = pearson(r.subarray(0, half + 1), lags).r;

  // Scanning K lags: the largest of K null ACF values is about √(2 ln K)/√m, not 2/√m.
  const scanned = Math.max(1, maxPeriod - minPeriod + 1);
  const scanBound = Math.max(z, Math.sqrt(2 * Math.log(scanned))) / Math.sqrt(m);
  const minProminence = Math.max(scanBound, options.minProminence ?? 0.15);
  const candidates: SeasonalityCandidate[] = [];
  for (const lag of findPeaks(r).peaks) {
    if (lag < minPeriod || lag > maxPeriod) {
      continue;
    }
    const left = minOver(r, Math.ceil(lag / 2), lag);
    const right = minOver(r, lag, Math.min(r.length - 1, Math.floor((3 * lag) / 2)));
    const prominence = r[lag] - Math.max(left, right);
    const harmonic = maxOver(r, 2 * lag - 1, Math.min(r.length - 1, 2 * lag + 1));
    const significant = r[lag] > scanBound && prominence >= minProminence && harmonic > scanBound;
    candidates.push({ lag, acf: r[lag], prominence, harmonic, significant });
  }
  let best: SeasonalityCandidate | null = null;
  for (const c of candidates) {
    if (c.significant && (best === null || c.acf > best.acf)) {
      best = c;
    }
  }
  if (best === null) {
    return {
      ...base,
      candidates,
      acf: r,
      acfLagR,
      scanBound,
      group: 'trend-only',
      reason: 'no-significant-cycle',
      message: `no ACF peak with prominence ≥ ${minProminence.toFixed(3)} and r > ${scanBound.toFixed(3)} at lags ${minPeriod}…${maxPeriod}`,
    };
  }
  // Noise can make a multiple of the cycle score higher than the cycle itself (or shift the
  // cycle's own peak by a row): prefer a significant candidate that divides it, within a row per multiple.
  const top = best;
  for (const c of candidates) {
    const k = Math.round(top.lag / c.lag);
    if (
      c.significant &&
      c.lag < best.lag &&
      k >= 2 &&
      Math.abs(top.lag - k * c.lag) <= k &&
      c.acf >= top.acf - 2 * bound
    ) {
      best = c;
    }
  }
  let period = refineByMultiples(r, best.lag, minPeriod);
  let secondaryPeriod: number | null = null;
  const day = calendarRows(86400000, options.stepMs);
  const week = calendarRows(7 * 86400000, options.stepMs);
  for (const cal of [day, week]) {
    if (cal !== null && Math.abs(period - cal) <= Math.max(1, Math.round(0.05 * cal))) {
      period = cal;
    }
  }
  if (
    day !== null &&
    week !== null &&
    period === day &&
    week + day < r.length &&
    r[week] > r[week - day] &&
    r[week] > r[week + day]
  ) {
    secondaryPeriod = week;
  }
  return {
    ...base,
    candidates,
    acf: r,
    acfLagR,
    scanBound,
    group: 'seasonal',
    period,
    secondaryPeriod,
    reason: 'significant-cycle',
    message: `ACF peak at lag ${best.lag} (r ${best.acf.toFixed(3)}, prominence ${best.prominence.toFixed(3)})`,
  };
}

/**
 * The lag among L−1, L, L+1 whose multiples (as many as fit for all three) have the highest
 * summed ACF: one noisy peak can sit a row off, a whole comb of multiples rarely does.
 */
function refineByMultiples(r: Float64Array, lag: number, minPeriod: number): number {
  const multiples = Math.floor((r.length - 1) / (lag + 1));
  if (multiples < 2) {
    return lag;
  }
  let best = lag;
  let bestScore = -Infinity;
  for (const cand of [lag, lag - 1, lag + 1]) {
    if (cand < minPeriod) {
      continue;
    }
    let score = 0;
    for (let k = 1; k <= multiples; k++) {
      score += r[k * cand];
    }
    if (score > bestScore) {
      bestScore = score;
      best = cand;
    }
  }
  return best;
}

/** Rows in `span` ms when the step divides it exactly, else null. */
function calendarRows(span: number, stepMs: number | undefined): number | null {
  if (stepMs === undefined || !(stepMs > 0)) {
    return null;
  }
  const rows = span / stepMs;
  return Number.isInteger(rows) && rows >= 2 ? rows : null;
}

function minOver(r: Float64Array, from: number, to: number): number {
  let v = Infinity;
  for (let k = from; k <= to; k++) {
    v = Math.min(v, r[k]);
  }
  return v;
}

function maxOver(r: Float64Array, from: number, to: number): number {
  let v = -Infinity;
  for (let k = Math.max(0, from); k <= to; k++) {
    v = Math.max(v, r[k]);
  }
  return v === -Infinity ? NaN : v;
}
