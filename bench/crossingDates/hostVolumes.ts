/**
 * Disk volumes shaped like real hosts, for the crossing-date benchmark: what the white-noise suite
 * (syntheticVolumes.ts) leaves out. Each volume draws independently:
 *
 * - a sampling step of 1 minute to 1 hour, with as much history as a dashboard keeps at that step
 *   (5–10 days at 1 minute, up to 60 days at 1 hour);
 * - a daily cycle: none, a day/night swing (sine), a log-rotation sawtooth (grows through the day,
 *   drops at a fixed rotation hour), or both;
 * - slower growth at weekends (40–80 % of the weekday rate; the weekly average rate is the trend's);
 * - white or AR(1) noise (φ 0.6–0.95 per 10 minutes, scaled to the step);
 * - 0–3 changes before the last segment: clean-ups (a sudden drop to 30–75 % of the level, after
 *   which the rate stays or changes) and slope changes without a drop;
 * - rare spikes (mostly upwards, up to an hour) and collector gaps (1–12 hours);
 * - a fate: six in ten fill (the last segment reaches 90 % 1–50 days after the end), four in ten are
 *   quiet (flat, slightly shrinking, or growing too slowly to fill within a year).
 *
 * The truth is the last segment's trend line continued (the weekly swing and the daily cycle are
 * zero-mean deviations around it, so the line is what a capacity planner means by "the trend").
 */
import { benchRandom, BenchRandom } from '../support/random';
import { SyntheticVolume } from './syntheticVolumes';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export type CycleKind = 'none' | 'swing' | 'sawtooth' | 'both';

/** What a host volume is made of: the benchmark's slices. */
export interface HostTraits {
  cycle: CycleKind;
  weekendSlowdown: boolean;
  /** AR(1) coefficient per step (0 = white noise). */
  phi: number;
  /** Stationary noise sd, points. */
  noiseSd: number;
  /** Changes before the last segment by kind. */
  cleanupCount: number;
  slopeChanges: number;
  /** The last segment starts with a slope change (no drop). */
  lastChangeIsSlope: boolean;
  fills: boolean;
}

export interface HostVolume extends SyntheticVolume {
  traits: HostTraits;
}

interface Change {
  at: number;
  kind: 'cleanup' | 'slope';
}

const STEPS: Array<{ stepMs: number; days: [number, number] }> = [
  { stepMs: MINUTE, days: [5, 10] },
  { stepMs: 5 * MINUTE, days: [7, 21] },
  { stepMs: 10 * MINUTE, days: [14, 28] },
  { stepMs: 30 * MINUTE, days: [21, 45] },
  { stepMs: HOUR, days: [21, 60] },
];

/** Weekday / weekend rate multipliers with a weekly mean of 1 (Saturday and Sunday slower). */
function weekMultipliers(slow: number): { weekday: number; weekend: number } {
  const weekday = 7 / (5 + 2 * slow);
  return { weekday, weekend: slow * weekday };
}

/** Day of week, 0 = Monday (epoch day 0 was a Thursday). */
function dayOfWeek(t: number): number {
  return (Math.floor(t / DAY) + 3) % 7;
}

/**
 * Zero-mean weekly deviation of the level, in days of growth at the mean rate: the integral of
 * (multiplier − 1) from Monday 00:00, minus its weekly mean. Sampled per hour, interpolated.
 */
function weeklyDeviation(slow: number): (t: number) => number {
  const { weekday, weekend } = weekMultipliers(slow);
  const hours = 7 * 24;
  const table = new Float64Array(hours + 1);
  for (let h = 0; h < hours; h++) {
    const m = Math.floor(h / 24) >= 5 ? weekend : weekday;
    table[h + 1] = table[h] + (m - 1) / 24;
  }
  let mean = 0;
  for (let h = 0; h < hours; h++) {
    mean += (table[h] + table[h + 1]) / 2 / hours;
  }
  return (t: number) => {
    const mondayOffset = (dayOfWeek(t) * DAY + (t % DAY)) / HOUR;
    const h = Math.floor(mondayOffset);
    const f = mondayOffset - h;
    return table[h] + f * (table[Math.min(hours, h + 1)] - table[h]) - mean;
  };
}

interface Plan {
  start: number;
  end: number;
  changes: Change[];
  /** Per segment: level of the trend line at the segment's start, and rate %/day. */
  level: number[];
  rate: number[];
}

function segmentOf(plan: Plan, t: number): number {
  let s = plan.changes.length;
  while (s > 0 && t < plan.changes[s - 1].at) {
    s--;
  }
  return s;
}

function segStart(plan: Plan, s: number): number {
  return s === 0 ? plan.start : plan.changes[s - 1].at;
}

function lineAt(plan: Plan, t: number): number {
  const s = segmentOf(plan, t);
  return plan.level[s] + (plan.rate[s] * (t - segStart(plan, s))) / DAY;
}

/** Draws changes, rates and levels until the trend stays below 88 % and ends 10–85 % full. */
function drawPlan(rnd: BenchRandom, start: number, end: number, fills: boolean, stepMs: number): Plan {
  const span = end - start;
  for (let attempt = 0; ; attempt++) {
    const k = rnd.int(0, 3);
    const changes: Change[] = [];
    for (let tries = 0; changes.length < k && tries < 200; tries++) {
      const kind: Change['kind'] = rnd.uniform() < 0.7 ? 'cleanup' : 'slope';
      // Clean-ups may be recent (down to 2 hours before the end); a slope change needs two days
      // after it to be a trend at all.
      const latest = kind === 'cleanup' ? end - Math.max(2 * HOUR, 6 * stepMs) : end - 2 * DAY;
      const at = start + Math.round((rnd.between(0.1, 1) * (latest - start - 0.1 * span)) / stepMs) * stepMs;
      if (at > start + DAY && at <= latest && changes.every((c) => Math.abs(c.at - at) >= DAY)) {
        changes.push({ at, kind });
      }
    }
    changes.sort((a, b) => a.at - b.at);
    const segs = changes.length + 1;
    const rate: number[] = [];
    const level: number[] = [rnd.between(10, 50)];
    rate.push(Math.exp(rnd.between(Math.log(0.2), Math.log(3))));
    for (let s = 1; s < segs; s++) {
      const c = changes[s - 1];
      const before =
        level[s - 1] + (rate[s - 1] * (c.at - segStart({ start, end, changes, level, rate }, s - 1))) / DAY;
      if (c.kind === 'cleanup') {
        level.push(before * rnd.between(0.3, 0.75));
        rate.push(rnd.uniform() < 0.5 ? rate[s - 1] : Math.exp(rnd.between(Math.log(0.2), Math.log(3))));
      } else {
        level.push(before);
        rate.push(rate[s - 1] * Math.exp(rnd.between(Math.log(0.25), Math.log(4))));
      }
    }
    const last = segs - 1;
    const lastStart = last === 0 ? start : changes[last - 1].at;
    const lastDays = (end - lastStart) / DAY;
    if (fills) {
      // The last segment reaches 90 % 1–50 days after the end (log-uniform: short lead times matter most).
      const lead = Math.exp(rnd.between(Math.log(1), Math.log(50)));
      rate[last] = (90 - level[last]) / (lastDays + lead);
    } else {
      const u = rnd.uniform();
      rate[last] =
        u < 0.4
          ? 0
          : u < 0.6
            ? -rnd.between(0.01, 0.3)
            : rnd.between(0.005, Math.max(0.006, (90 - level[last]) / (lastDays + 400)));
    }
    const plan: Plan = { start, end, changes, level, rate };
    const peaks = [...changes.map((c) => lineAt(plan, c.at - stepMs)), lineAt(plan, end)];
    const finalLevel = lineAt(plan, end);
    if (Math.max(...peaks) <= 86 && finalLevel >= 10 && finalLevel <= 85 && rate.every((r) => r >= -0.3)) {
      return plan;
    }
    if (attempt > 500) {
      throw new Error('hostVolumes: could not draw a plan');
    }
  }
}

/** `count` host volumes, deterministic for a seed. */
export function hostVolumes(count: number, seed: number): HostVolume[] {
  const out: HostVolume[] = [];
  for (let i = 0; i < count; i++) {
    const rnd = benchRandom(seed * 7919 + i);
    const { stepMs, days } = STEPS[i % STEPS.length];
    const span = Math.round((rnd.between(days[0], days[1]) * DAY) / stepMs) * stepMs;
    // End at a random minute of the day, so that cycles and weekends fall anywhere.
    const end = Date.UTC(2025, 0, 6) + i * DAY + Math.round(rnd.between(0, WEEK) / stepMs) * stepMs;
    const start = end - span;
    const fills = rnd.uniform() < 0.6;
    const plan = drawPlan(rnd, start, end, fills, stepMs);

    const cu = rnd.uniform();
    const cycle: CycleKind = cu < 0.3 ? 'none' : cu < 0.6 ? 'swing' : cu < 0.85 ? 'sawtooth' : 'both';
    const swingAmp = rnd.between(0.2, 2);
    const swingPeak = rnd.between(0, DAY);
    const sawAmp = rnd.between(0.3, 3);
    const rotateAt = Math.round(rnd.between(0, 24)) * HOUR;
    const weekendSlowdown = rnd.uniform() < 0.35;
    const deviation = weeklyDeviation(rnd.between(0.4, 0.8));
    const white = rnd.uniform() < 0.4;
    const phi = white ? 0 : rnd.between(0.6, 0.95) ** (stepMs / (10 * MINUTE));
    const noiseSd = white ? Math.exp(rnd.between(Math.log(0.02), Math.log(0.5))) : rnd.between(0.05, 0.8);

    const n = Math.floor(span / stepMs) + 1;
    const spikes = rnd.int(0, 4);
    const spikeAt = new Map<number, number>();
    for (let s = 0; s < spikes; s++) {
      const at = rnd.int(0, n - 1);
      const len = Math.max(1, Math.round(rnd.between(stepMs, HOUR) / stepMs));
      const amp = (rnd.uniform() < 0.8 ? 1 : -1) * rnd.between(2, 15);
      for (let j = at; j < Math.min(n, at + len); j++) {
        spikeAt.set(j, amp);
      }
    }
    const gaps = rnd.int(0, 3);
    const gapRanges: Array<[number, number]> = [];
    for (let g = 0; g < gaps; g++) {
      const from = start + rnd.between(0, span - 13 * HOUR);
      gapRanges.push([from, from + rnd.between(1, 12) * HOUR]);
    }

    const times: number[] = [];
    const values: number[] = [];
    let ar = rnd.normal(noiseSd);
    const innovation = noiseSd * Math.sqrt(1 - phi * phi);
    for (let j = 0; j < n; j++) {
      const t = start + j * stepMs;
      ar = phi * ar + rnd.normal(innovation);
      if (gapRanges.some(([a, b]) => t >= a && t < b)) {
        continue;
      }
      let v = lineAt(plan, t);
      const r = plan.rate[segmentOf(plan, t)];
      if (weekendSlowdown) {
        v += Math.max(0, r) * deviation(t);
      }
      const tod = ((t % DAY) + DAY) % DAY;
      if (cycle === 'swing' || cycle === 'both') {
        v += swingAmp * Math.cos((2 * Math.PI * (tod - swingPeak)) / DAY);
      }
      if (cycle === 'sawtooth' || cycle === 'both') {
        v += sawAmp * (((((tod - rotateAt) % DAY) + DAY) % DAY) / DAY - 0.5);
      }
      v += ar + (spikeAt.get(j) ?? 0);
      times.push(t);
      values.push(Math.min(100, Math.max(0, v)));
    }
    const last = plan.changes.length;
    const lastStart = segStart(plan, last);
    const rate = plan.rate[last];
    const truth: Record<number, number> = {};
    for (const thr of [90, 100]) {
      truth[thr] = rate > 0 ? lastStart + ((thr - plan.level[last]) / rate) * DAY : Infinity;
    }
    let gapMs = 0;
    for (const [a, b] of gapRanges) {
      gapMs += b - a;
    }
    out.push({
      name: `host${String(i).padStart(3, '0')}`,
      times,
      values,
      stepMs,
      lastTime: times[times.length - 1],
      ratePerDay: rate,
      cleanups: plan.changes.filter((c) => c.kind === 'cleanup').length,
      lastSegmentDays: (end - lastStart) / DAY,
      noiseSd,
      spikes,
      gaps,
      gapHours: gapMs / HOUR,
      truth,
      lastSegmentStart: lastStart,
      traits: {
        cycle,
        weekendSlowdown,
        phi,
        noiseSd,
        cleanupCount: plan.changes.filter((c) => c.kind === 'cleanup').length,
        slopeChanges: plan.changes.filter((c) => c.kind === 'slope').length,
        lastChangeIsSlope: last > 0 && plan.changes[last - 1].kind === 'slope',
        fills,
      },
    });
  }
  return out;
}

/**
 * The fleet of issue reports: hourly, 30 days, every volume grows (0–1.5 %/day), one clean-up
 * each, a 0.8-point daily sine and light white noise. Its own shape, not the host generator's.
 */
export function fleetVolumes(count: number, seed: number): HostVolume[] {
  const out: HostVolume[] = [];
  for (let i = 0; i < count; i++) {
    const rnd = benchRandom(seed * 104729 + i);
    const stepMs = HOUR;
    const n = 30 * 24;
    const start = Date.UTC(2025, 5, 2) + i * HOUR;
    const rate = rnd.between(0, 1.5);
    const cut = rnd.int(24, n - 12);
    const level0 = rnd.between(10, 40);
    const before = level0 + (rate * cut) / 24;
    const after = before * rnd.between(0.3, 0.75);
    const phase = rnd.between(0, 24);
    const times: number[] = [];
    const values: number[] = [];
    for (let j = 0; j < n; j++) {
      const lvl = j < cut ? level0 + (rate * j) / 24 : after + (rate * (j - cut)) / 24;
      times.push(start + j * stepMs);
      values.push(lvl + 0.8 * Math.sin((2 * Math.PI * (j - phase)) / 24) + rnd.normal(0.1));
    }
    const segStartT = start + cut * stepMs;
    const truth: Record<number, number> = {};
    for (const thr of [90, 100]) {
      truth[thr] = rate > 0 ? segStartT + ((thr - after) / rate) * DAY : Infinity;
    }
    out.push({
      name: `fleet${String(i).padStart(4, '0')}`,
      times,
      values,
      stepMs,
      lastTime: times[n - 1],
      ratePerDay: rate,
      cleanups: 1,
      lastSegmentDays: ((n - 1 - cut) * stepMs) / DAY,
      noiseSd: 0.1,
      spikes: 0,
      gaps: 0,
      gapHours: 0,
      truth,
      lastSegmentStart: segStartT,
      traits: {
        cycle: 'swing',
        weekendSlowdown: false,
        phi: 0,
        noiseSd: 0.1,
        cleanupCount: 1,
        slopeChanges: 0,
        lastChangeIsSlope: false,
        fills: rate > 0,
      },
    });
  }
  return out;
}
