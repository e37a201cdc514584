import { benchRandom, BenchRandom } from '../support/random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Noise standard deviations, in percentage points of disk usage, cycled over the suite. */
export const NOISE_LEVELS = [0.05, 0.3, 1, 2.5];

/** A synthetic disk volume (usage in %) whose true fill dates are known by construction. */
export interface SyntheticVolume {
  name: string;
  times: number[];
  values: number[];
  stepMs: number;
  /** Time of the last sample: where every forecast starts. */
  lastTime: number;
  /** Growth rate of the last segment, % per day: the truth. */
  ratePerDay: number;
  /** Clean-ups (sudden drops) in the history. */
  cleanups: number;
  /** Length of the last segment (since the last clean-up, or the whole history), days. */
  lastSegmentDays: number;
  noiseSd: number;
  spikes: number;
  /** Missing stretches (samples removed), and the hours they cover in all. */
  gaps: number;
  gapHours: number;
  /**
   * When the last segment's true line reaches each threshold (epoch ms). It may lie beyond any
   * horizon; Infinity when the line never gets there (rate ≤ 0 cannot happen here, but kept total).
   */
  truth: Record<number, number>;
  /** When the last segment starts (epoch ms): what an oracle fit would know. */
  lastSegmentStart?: number;
}

interface Plan {
  start: number;
  spanMs: number;
  stepMs: number;
  /** Segment start times (the first is `start`) and each segment's starting level and rate (%/day). */
  segStart: number[];
  segLevel: number[];
  segRate: number[];
}

/** True (noise-free) level at time t. */
function levelAt(plan: Plan, t: number): number {
  let s = plan.segStart.length - 1;
  while (s > 0 && t < plan.segStart[s]) {
    s--;
  }
  return plan.segLevel[s] + (plan.segRate[s] * (t - plan.segStart[s])) / DAY;
}

/**
 * Draws segment boundaries, levels and rates until the volume ends between 15% and 85% full and
 * never went above 88% (so neither threshold is already passed). Clean-ups fall in the middle 15–92% of the history, at
 * least a day apart and a day before the end; each drops the level to 30–75% of what it was.
 */
function drawPlan(rnd: BenchRandom, start: number, stepMs: number): Plan {
  for (;;) {
    const spanMs = Math.round(rnd.between(14, 60) * DAY);
    const k = rnd.int(0, 3);
    const cuts: number[] = [];
    for (let tries = 0; cuts.length < k && tries < 100; tries++) {
      const c = start + Math.round((rnd.between(0.15, 0.92) * spanMs) / stepMs) * stepMs;
      if (c <= start + spanMs - DAY && cuts.every((x) => Math.abs(x - c) >= DAY)) {
        cuts.push(c);
      }
    }
    cuts.sort((a, b) => a - b);
    const segStart = [start, ...cuts];
    // Earlier segments grow log-uniformly 0.3–4 %/day. The last segment's rate is set from a drawn
    // time-to-90% of 2–90 days after the end (two thirds inside a 60-day horizon), or nearly flat
    // (0.05 %/day) for one volume in ten: the suite must hold both dates to score and dates beyond.
    const segRate = segStart.map(() => Math.exp(rnd.between(Math.log(0.3), Math.log(4))));
    const segLevel: number[] = [rnd.between(10, 50)];
    for (let s = 1; s < segStart.length; s++) {
      const before = segLevel[s - 1] + (segRate[s - 1] * (segStart[s] - segStart[s - 1])) / DAY;
      segLevel.push(before * rnd.between(0.3, 0.75));
    }
    const last = segStart.length - 1;
    const lastDays = (start + spanMs - segStart[last]) / DAY;
    segRate[last] = rnd.uniform() < 0.1 ? 0.05 : (90 - segLevel[last]) / (lastDays + rnd.between(2, 90));
    const plan: Plan = { start, spanMs, stepMs, segStart, segLevel, segRate };
    const peak = Math.max(...segStart.slice(1).map((t) => levelAt(plan, t - stepMs)), levelAt(plan, start + spanMs));
    const end = levelAt(plan, start + spanMs);
    if (peak <= 88 && end >= 15 && end <= 85) {
      return plan;
    }
  }
}

/**
 * The benchmark suite: `count` volumes, deterministic for a seed. Volume i alternates 5-minute and
 * hourly samples and cycles the noise levels; clean-ups, rates, spikes (short outliers, mostly
 * upwards: temporary files) and gaps (1–12 h with no samples) are drawn at random. Values are
 * clipped to [0, 100] as a real disk's are.
 */
export function syntheticVolumes(count: number, seed: number): SyntheticVolume[] {
  const out: SyntheticVolume[] = [];
  for (let i = 0; i < count; i++) {
    const rnd = benchRandom(seed * 1000 + i);
    const stepMs = i % 2 === 0 ? 5 * 60_000 : HOUR;
    const noiseSd = NOISE_LEVELS[Math.floor(i / 2) % NOISE_LEVELS.length];
    const start = Date.UTC(2024, 2, 1) + i * DAY;
    const plan = drawPlan(rnd, start, stepMs);
    const n = Math.floor(plan.spanMs / stepMs) + 1;

    const spikes = rnd.int(0, 6);
    const spikeAt = new Map<number, number>();
    for (let s = 0; s < spikes; s++) {
      const at = rnd.int(0, n - 1);
      const len = stepMs < HOUR ? rnd.int(1, 6) : rnd.int(1, 2);
      const amp = (rnd.uniform() < 0.8 ? 1 : -1) * rnd.between(3, 15);
      for (let j = at; j < Math.min(n, at + len); j++) {
        spikeAt.set(j, amp);
      }
    }
    const gaps = rnd.int(0, 4);
    const gapRanges: Array<[number, number]> = [];
    for (let g = 0; g < gaps; g++) {
      const from = start + rnd.between(0, plan.spanMs - HOUR);
      gapRanges.push([from, from + rnd.between(1, 12) * HOUR]);
    }

    const times: number[] = [];
    const values: number[] = [];
    for (let j = 0; j < n; j++) {
      const t = start + j * stepMs;
      const noise = rnd.normal(noiseSd);
      if (gapRanges.some(([a, b]) => t >= a && t < b)) {
        continue;
      }
      const v = levelAt(plan, t) + noise + (spikeAt.get(j) ?? 0);
      times.push(t);
      values.push(Math.min(100, Math.max(0, v)));
    }
    const last = plan.segStart.length - 1;
    const rate = plan.segRate[last];
    const truth: Record<number, number> = {};
    for (const thr of [90, 100]) {
      truth[thr] = rate > 0 ? plan.segStart[last] + ((thr - plan.segLevel[last]) / rate) * DAY : Infinity;
    }
    let gapMs = 0;
    for (const [a, b] of gapRanges) {
      gapMs += b - a;
    }
    out.push({
      name: `vol${String(i).padStart(2, '0')}`,
      times,
      values,
      stepMs,
      lastTime: times[times.length - 1],
      ratePerDay: rate,
      cleanups: last,
      lastSegmentDays: (start + plan.spanMs - plan.segStart[last]) / DAY,
      noiseSd,
      spikes,
      gaps,
      gapHours: gapMs / HOUR,
      truth,
      lastSegmentStart: plan.segStart[last],
    });
  }
  return out;
}

/** A noise-free straight line with none of the difficulties: every sound method must date it exactly. */
export function cleanLineVolume(): SyntheticVolume {
  const stepMs = HOUR;
  const start = Date.UTC(2024, 0, 1);
  const times: number[] = [];
  const values: number[] = [];
  // 20% + 1%/day over 30 days: 50% at the end, so 90% is 40 days and 100% 50 days after the last sample.
  for (let j = 0; j <= 30 * 24; j++) {
    times.push(start + j * stepMs);
    values.push(20 + j / 24);
  }
  const lastTime = times[times.length - 1];
  return {
    name: 'clean-line',
    times,
    values,
    stepMs,
    lastTime,
    ratePerDay: 1,
    cleanups: 0,
    lastSegmentDays: 30,
    noiseSd: 0,
    spikes: 0,
    gaps: 0,
    gapHours: 0,
    truth: { 90: lastTime + 40 * DAY, 100: lastTime + 50 * DAY },
  };
}
