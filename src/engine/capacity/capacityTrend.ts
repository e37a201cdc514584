/**
 * The capacity trend: where a disk (or any filling resource) is heading, once its cycles, noise,
 * spikes and clean-ups are accounted for. It is what the last-trend model forecasts and what every
 * statistical model dates threshold crossings on (docs/models.md, "Capacity trend").
 *
 * 1. Work on block medians of at most 2,000 rows, spikes removed (workingSeries.ts).
 * 2. Remove a daily cycle when the data shows one (cycleProfile.ts): a day/night swing or a
 *    log-rotation sawtooth would otherwise read as slope changes every few hours.
 * 3. Find sudden level shifts anywhere, the last hours included (levelShifts.ts), then a weekly
 *    shape: a weekend slowdown (weekendSlowdown.ts) or else a free-form weekly cycle, each kept
 *    only when taking it out lowers the segmentation's cost by more than its parameters.
 * 4. Measure the noise, autocorrelation included (noiseLevel.ts), and find slope changes between
 *    the shifts by penalised segmentation (segments/changePoint.ts) whose penalty uses the
 *    long-run variance and whose segments last at least a day (a trend, not part of a cycle).
 * 5. Walk back from the end: a level shift joins the pieces on either side under one slope when
 *    their slopes agree (a clean-up frees space, the write rate stays); a slope change, or slopes
 *    that differ, ends the walk. Least squares with one slope and an intercept per piece.
 * 6. Uncertainty of the line: the slope's and the last piece's level, each inflated for the
 *    autocorrelation over the points it rests on, plus how much the slope moves when the start of
 *    the trend moves within its own uncertainty.
 */
import { detectChangePoints } from '../segments/changePoint';
import { robustSd } from '../stats/rollingMedian';
import { commonSlopeFit, lineSse, PieceSums, pieceSums } from './commonSlopeFit';
import { CycleProfile, cycleAt, findCycle } from './cycleProfile';
import { findLevelShifts, LevelShift } from './levelShifts';
import { estimateNoise, NoiseLevel } from './noiseLevel';
import { findWeekendSlowdown, WeekendSlowdown } from './weekendSlowdown';
import { workingSeries } from './workingSeries';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** χ²(1) at 99 %: a level shift keeps one slope on both sides unless the slopes differ this much. */
const SLOPE_SPLIT_CHI2 = 6.63;
/** A weekend bend costs its factor and its rate in the segmentation's cost (ln n each). */
const WEEKEND_PARAMETERS = 2;
/** Penalty factor of the slope-change segmentation, in long-run variances times ln n. */
const SLOPE_CHANGE_PENALTY = 5;

export interface CapacityTrend {
  /** Growth per row of the original grid. */
  slopePerRow: number;
  /** The trend's level at the last row. */
  level: number;
  lastRow: number;
  /** Variance of the slope estimate (per row²). */
  slopeVariance: number;
  /** Variance of the last piece's level at its data centre `levelRow`. */
  levelVariance: number;
  levelRow: number;
  /** Variance of single observations around the trend (cycles and noise included). */
  observationVariance: number;
  /** First row the trend rests on (clean-ups after it are level shifts under the same slope). */
  trendStartRow: number;
  /** First row after the last level shift (or trendStartRow). */
  lastPieceRow: number;
  levelShifts: number;
  slopeChanges: number;
  cycles: CycleProfile[];
  /** Slower growth at weekends, when found (its bend is taken out before the fit). */
  weekend: WeekendSlowdown | null;
  noise: NoiseLevel;
  spikes: number;
  /** Trend value at rows trendStartRow..lastRow (each piece on its own level). */
  fitted: Float64Array;
  /** Finite points in the trend fit. */
  points: number;
}

export interface CapacityTrendOptions {
  fromRow?: number;
}

interface Boundary {
  at: number;
  kind: 'start' | 'shift' | 'slope';
}

/** The capacity trend of a regular series; null when it has fewer than 3 finite values to fit. */
export function fitCapacityTrend(
  values: Float64Array,
  start: number,
  step: number,
  options: CapacityTrendOptions = {}
): CapacityTrend | null {
  const fromRow = options.fromRow ?? 0;
  const ws = workingSeries(values, fromRow, start, step);
  const y = ws.values;
  const x = ws.x;
  const n = y.length;
  const rowMs = step * ws.rowsPerBlock;
  const times = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    times[k] = start + x[k] * step;
  }

  // 2. The daily cycle, found around a rolling median over a day (a clean-up disturbs half a day
  // on each side, which the per-bin medians over many days shrug off).
  const rowsPerDay = Math.max(1, Math.round(DAY / rowMs));
  const shortRows = Math.max(2, Math.min(12, Math.round(HOUR / rowMs)));
  const cycles: CycleProfile[] = [];
  const shiftsOf = (series: Float64Array) => findLevelShifts(series, shortRows, Math.max(3 * shortRows, rowsPerDay));
  let z = y;
  const daily = findCycle(z, times, DAY, rowMs);
  if (daily) {
    cycles.push(daily);
    z = minus(z, times, (t) => cycleAt(daily, t));
  }
  // 3. Level shifts, then a weekly shape on the series with the shifts taken out (a rolling
  // median over a week would otherwise smear each clean-up over a week). A weekly shape is kept
  // only when taking it out pays for its parameters in the segmentation's cost (step 4): one
  // measured around week-long averages also picks up the bends that slope changes and clean-ups
  // put into them, and taking those out would cut the trend into pieces that are not there.
  const minSegment = Math.max(8, Math.min(rowsPerDay, Math.floor(n / 4)));
  const segment = (series: Float64Array, shifts = shiftsOf(series)): Segmented =>
    segmentSeries(x, series, shifts, minSegment, rowsPerDay);
  const shifts = shiftsOf(z);
  const continuous = withoutShifts(z, shifts);
  let segmented = segment(z, shifts);
  const withoutShape = (shape: (t: number) => number, parameters: number): Segmented | null => {
    const other = segment(minus(z, times, shape));
    const scale = Math.min(segmented.noise.longRunVariance, other.noise.longRunVariance);
    return segmented.cost - other.cost > parameters * Math.log(n) * scale ? other : null;
  };
  // A weekend slowdown is a weekly shape whose size follows the growth rate: it is looked for
  // first (five days with a weekend show it; a free-form weekly figure needs three weeks).
  const candidate = findWeekendSlowdown(
    continuous,
    times,
    shifts.map((s) => times[s.at])
  );
  const withoutWeekend = candidate ? withoutShape((t) => candidate.at(t), WEEKEND_PARAMETERS) : null;
  const weekend = withoutWeekend ? candidate : null;
  if (withoutWeekend) {
    segmented = withoutWeekend;
  } else {
    const weekly = findCycle(continuous, times, WEEK, rowMs);
    const withoutWeekly = weekly ? withoutShape((t) => cycleAt(weekly, t), weekly.figure.length) : null;
    if (weekly && withoutWeekly) {
      cycles.push(weekly);
      segmented = withoutWeekly;
    }
  }
  z = segmented.series;
  const { noise, withSlopes, penaltyVariance } = segmented;

  // 5. Walk back from the last piece.
  const ends = withSlopes.map((b, i) => (i + 1 < withSlopes.length ? withSlopes[i + 1].at : n));
  let first = withSlopes.length - 1;
  const block: PieceSums[] = [pieceSums(x, z, withSlopes[first].at, n)];
  while (first > 0 && withSlopes[first].kind === 'shift') {
    const candidate = pieceSums(x, z, withSlopes[first - 1].at, ends[first - 1]);
    if (candidate.m >= 3) {
      const apart = commonSlopeFit(block).sse + lineSse(candidate);
      const together = commonSlopeFit([candidate, ...block]).sse;
      if (together - apart > SLOPE_SPLIT_CHI2 * penaltyVariance) {
        break;
      }
    }
    block.unshift(candidate);
    first--;
  }
  const fit = commonSlopeFit(block);
  if (fit.m < 3) {
    return null;
  }
  const last = block[block.length - 1];
  // A last piece too short to have a mean (a shift in the final rows): its few points set the level.
  const levelPiece = last.m > 0 ? last : block.filter((p) => p.m > 0).pop()!;
  const slope = fit.slope;
  const lastRow = values.length - 1;
  const level = levelPiece.yMean + slope * (lastRow - levelPiece.xMean);

  // 6. Uncertainty.
  const dof = Math.max(1, fit.m - block.filter((p) => p.m > 0).length - 1);
  const s2 = Math.max(fit.sse / dof, noise.variance);
  const phi = noise.phi;
  const longest = Math.max(...block.map((p) => p.m));
  // A least-squares slope over m values is inflated about as much as their mean (m ≫ 1/(1 − φ)).
  let slopeVariance = fit.sxx > 0 ? (s2 * meanInflation(phi, longest)) / fit.sxx : 0;
  const levelVariance = Math.min(s2, (s2 * meanInflation(phi, levelPiece.m)) / Math.max(1, levelPiece.m));
  const trendStart = withSlopes[first];
  if (trendStart.kind === 'slope') {
    // Where the slope change sits is itself uncertain: move it by half the shortest segment.
    const shiftRows = Math.max(1, Math.floor(minSegment / 2));
    const alt: number[] = [];
    for (const d of [-shiftRows, shiftRows]) {
      const at = trendStart.at + d;
      const ok = at > (first > 0 ? withSlopes[first - 1].at : 0) && at < ends[first] - 2;
      if (ok) {
        const moved = [pieceSums(x, z, at, ends[first]), ...block.slice(1)];
        alt.push(commonSlopeFit(moved).slope);
      }
    }
    let spread = 0;
    for (const b of alt) {
      spread += (b - slope) ** 2 / alt.length;
    }
    slopeVariance += spread;
  }

  // Observations around the trend, on the original rows (cycles and noise included).
  const trendStartRow = Math.max(fromRow, Math.ceil(x[trendStart.at] - (ws.rowsPerBlock - 1) / 2));
  const lastPieceRow = Math.max(
    fromRow,
    Math.ceil(x[withSlopes[withSlopes.length - 1].at] - (ws.rowsPerBlock - 1) / 2)
  );
  const fitted = new Float64Array(lastRow - trendStartRow + 1);
  const pieceStarts = withSlopes.slice(first).map((b) => x[b.at] - (ws.rowsPerBlock - 1) / 2);
  let piece = 0;
  let sse = 0;
  let count = 0;
  for (let r = trendStartRow; r <= lastRow; r++) {
    while (piece + 1 < pieceStarts.length && r >= pieceStarts[piece + 1]) {
      piece++;
    }
    const p = block[piece].m > 0 ? block[piece] : levelPiece;
    const t = p.yMean + slope * (r - p.xMean);
    fitted[r - trendStartRow] = t;
    const v = values[r];
    if (Number.isFinite(v)) {
      sse += (v - t) ** 2;
      count++;
    }
  }
  return {
    slopePerRow: slope,
    level,
    lastRow,
    slopeVariance,
    levelVariance,
    levelRow: levelPiece.xMean,
    observationVariance: count > 2 ? sse / (count - 2) : s2,
    trendStartRow,
    lastPieceRow,
    levelShifts: withSlopes.slice(first + 1).filter((b) => b.kind === 'shift').length,
    slopeChanges: withSlopes.filter((b) => b.kind === 'slope').length,
    cycles,
    weekend,
    noise,
    spikes: ws.spikes,
    fitted,
    points: count,
  };
}

interface Segmented {
  /** The series segmented (cycles and bends taken out). */
  series: Float64Array;
  noise: NoiseLevel;
  /** Start, level shifts and slope changes, in row order. */
  withSlopes: Boundary[];
  penaltyVariance: number;
  /** Squared misfit of each piece's own line plus the slope changes' penalty. */
  cost: number;
}

/**
 * 4. Slope changes between the shifts. The penalty's variance is the noise's long-run variance,
 * or, when larger, that of half-day means of what the segmented lines leave unexplained (a cycle
 * removed imperfectly, a weekend bend: misfit at the scale of segments, which the day-window noise
 * estimate does not see), and the search runs again with it.
 */
function segmentSeries(
  x: Float64Array,
  z: Float64Array,
  shifts: LevelShift[],
  minSegment: number,
  rowsPerDay: number
): Segmented {
  const n = z.length;
  const noise = estimateNoise(z, Math.max(8, rowsPerDay));
  const boundaries: Boundary[] = [{ at: 0, kind: 'start' }];
  for (const s of shifts) {
    boundaries.push({ at: s.at, kind: 'shift' });
  }
  let withSlopes = findSlopeChanges(z, boundaries, minSegment, noise.longRunVariance);
  const misfit = segmentScaleVariance(x, z, withSlopes, Math.max(4, Math.round(rowsPerDay / 2)));
  let penaltyVariance = noise.longRunVariance;
  if (misfit > 1.5 * noise.longRunVariance) {
    penaltyVariance = misfit;
    withSlopes = findSlopeChanges(z, boundaries, minSegment, misfit);
  }
  let sse = 0;
  for (let p = 0; p < withSlopes.length; p++) {
    sse += lineSse(pieceSums(x, z, withSlopes[p].at, p + 1 < withSlopes.length ? withSlopes[p + 1].at : n));
  }
  const slopeChanges = withSlopes.filter((b) => b.kind === 'slope').length;
  const cost = sse + SLOPE_CHANGE_PENALTY * penaltyVariance * Math.log(n) * slopeChanges;
  return { series: z, noise, withSlopes, penaltyVariance, cost };
}

function findSlopeChanges(z: Float64Array, boundaries: Boundary[], minSegment: number, variance: number): Boundary[] {
  const n = z.length;
  const out: Boundary[] = [];
  for (let b = 0; b < boundaries.length; b++) {
    out.push(boundaries[b]);
    const from = boundaries[b].at;
    const to = b + 1 < boundaries.length ? boundaries[b + 1].at : n;
    if (to - from >= 2 * minSegment) {
      const cp = detectChangePoints(z.subarray(from, to), {
        minSegment,
        variance,
        penaltyFactor: SLOPE_CHANGE_PENALTY,
      });
      for (const c of cp.changePoints) {
        out.push({ at: from + c, kind: 'slope' });
      }
    }
  }
  return out;
}

/**
 * Long-run variance from batch means: the residuals of each piece's own line, averaged over
 * consecutive batches of `batch` rows; batch · (robust variance of the batch means).
 */
function segmentScaleVariance(x: Float64Array, z: Float64Array, pieces: Boundary[], batch: number): number {
  const n = z.length;
  const resid = new Float64Array(n).fill(NaN);
  for (let p = 0; p < pieces.length; p++) {
    const from = pieces[p].at;
    const to = p + 1 < pieces.length ? pieces[p + 1].at : n;
    const s = pieceSums(x, z, from, to);
    const slope = s.sxx > 0 ? s.sxy / s.sxx : 0;
    for (let k = from; k < to; k++) {
      resid[k] = z[k] - s.yMean - slope * (x[k] - s.xMean);
    }
  }
  const means: number[] = [];
  for (let a = 0; a + batch <= n; a += batch) {
    let sum = 0;
    let m = 0;
    for (let k = a; k < a + batch; k++) {
      if (Number.isFinite(resid[k])) {
        sum += resid[k];
        m++;
      }
    }
    if (m >= batch / 2) {
      means.push(sum / m);
    }
  }
  if (means.length < 4) {
    return 0;
  }
  const sd = robustSd(means);
  return batch * sd * sd;
}

/** z minus a shape given as a function of time (a cycle, a weekend bend). */
function minus(z: Float64Array, times: Float64Array, shape: (t: number) => number): Float64Array {
  const out = new Float64Array(z.length);
  for (let k = 0; k < z.length; k++) {
    out[k] = z[k] - shape(times[k]);
  }
  return out;
}

/** The series made continuous: each level shift's step subtracted from the rows after it. */
function withoutShifts(z: Float64Array, shifts: LevelShift[]): Float64Array {
  const out = Float64Array.from(z);
  for (const s of shifts) {
    for (let k = s.at; k < out.length; k++) {
      out[k] -= s.size;
    }
  }
  return out;
}

/** Variance of a line's value at row r: the level's and the slope's share. */
export function trendVarianceAt(t: CapacityTrend, row: number): number {
  const d = row - t.levelRow;
  return t.levelVariance + d * d * t.slopeVariance;
}

/** How much AR(1) noise inflates the variance of a mean of m values. */
function meanInflation(phi: number, m: number): number {
  if (!(phi > 0) || m < 2) {
    return 1;
  }
  const g = phi / (1 - phi);
  return Math.max(1, 1 + 2 * g * (1 - (1 - phi ** m) / (m * (1 - phi))));
}
