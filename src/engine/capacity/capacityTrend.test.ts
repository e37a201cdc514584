import { forecastFitted } from '../../models/forecastSeries';
import { validForecastOptions } from '../../models/forecastOptions';
import { seededRandom } from '../stats/seededRandom';
import { fitCapacityTrend } from './capacityTrend';
import { findCycle } from './cycleProfile';
import { findLevelShifts } from './levelShifts';
import { estimateNoise } from './noiseLevel';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2025, 0, 6);

interface Volume {
  times: number[];
  values: number[];
  /** When the last segment's line reaches 90 (epoch ms). */
  truth90: number;
}

/**
 * A growing disk: `rate` %/day, a clean-up at row `cut` dropping the level to 60 %, a daily sine of
 * `amp` points, AR(1) noise (φ per step, stationary sd `sd`), rows every `stepMs`.
 */
function disk(o: {
  days: number;
  stepMs: number;
  rate: number;
  cut?: number;
  amp?: number;
  phi?: number;
  sd?: number;
  seed: number;
  spikes?: number[];
}): Volume {
  const g = seededRandom(o.seed);
  const n = Math.round((o.days * DAY) / o.stepMs);
  const cut = o.cut ?? -1;
  const phi = o.phi ?? 0;
  const sd = o.sd ?? 0.1;
  let ar = g.normal(0, sd);
  const times: number[] = [];
  const values: number[] = [];
  const level0 = 30;
  const atCut = level0 + (o.rate * cut * o.stepMs) / DAY;
  const after = 0.6 * atCut;
  for (let j = 0; j < n; j++) {
    const t = START + j * o.stepMs;
    ar = phi * ar + g.normal(0, sd * Math.sqrt(1 - phi * phi));
    const trend =
      j < cut || cut < 0 ? level0 + (o.rate * j * o.stepMs) / DAY : after + (o.rate * (j - cut) * o.stepMs) / DAY;
    const spike = o.spikes?.includes(j) ? 12 : 0;
    times.push(t);
    values.push(trend + (o.amp ?? 0) * Math.sin((2 * Math.PI * (t % DAY)) / DAY) + ar + spike);
  }
  const segStart = cut < 0 ? START : START + cut * o.stepMs;
  const segLevel = cut < 0 ? level0 : after;
  return { times, values, truth90: segStart + ((90 - segLevel) / o.rate) * DAY };
}

function dated(v: Volume, model: 'last-trend' | 'auto' | 'last-trend-peaks' = 'last-trend') {
  const f = forecastFitted(
    { name: 'v', labels: {}, times: v.times, values: v.values },
    validForecastOptions({ model, horizon: '90d', thresholds: [90] })
  );
  const c = f.crossings[0];
  const last = v.times[v.times.length - 1];
  return { f, c, lead: v.truth90 - last, last };
}

describe('capacity trend: the fill date on shapes real hosts show', () => {
  test('a growing disk with a daily cycle and a clean-up is dated within 10 % of the lead time (20 seeds)', () => {
    let within = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const v = disk({
        days: 30,
        stepMs: HOUR,
        rate: 0.8 + seed * 0.05,
        cut: 300 + 10 * seed,
        amp: 0.8,
        sd: 0.1,
        seed,
      });
      const { f, c, lead } = dated(v);
      // Never forecast to shrink.
      expect(f.diagnostics.slopePerDay as number).toBeGreaterThan(0);
      expect(lead).toBeLessThan(90 * DAY);
      expect(c.status).toBe('crosses');
      if (Math.abs((c.time as number) - v.truth90) <= 0.1 * lead) {
        within++;
      }
      expect(f.diagnostics.cycles).toBe('daily');
    }
    expect(within).toBeGreaterThanOrEqual(19);
  });

  test('autocorrelated noise (φ 0.95 at 10 minutes) does not cut the trend into hours of noise', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const v = disk({ days: 21, stepMs: 10 * 60_000, rate: 1.5, cut: 1000, phi: 0.95, sd: 0.6, seed });
      const { f, c, lead } = dated(v);
      const segmentDays = (v.times[v.times.length - 1] - (f.diagnostics.segmentStart as number)) / DAY;
      // The trend rests on most of the last segment (about 14 days), not on its last hours.
      expect(segmentDays).toBeGreaterThan(7);
      expect(Math.abs((c.time as number) - v.truth90)).toBeLessThanOrEqual(0.15 * lead);
      expect(f.diagnostics.noiseAutocorrelation as number).toBeGreaterThan(0.7);
    }
  });

  test('a clean-up three hours before the end keeps the write rate measured before it', () => {
    const v = disk({ days: 20, stepMs: HOUR, rate: 1, cut: 20 * 24 - 3, sd: 0.1, seed: 3 });
    const { f, c, lead } = dated(v);
    expect(f.diagnostics.levelShifts).toBe(1);
    expect(f.diagnostics.slopePerDay as number).toBeCloseTo(1, 1);
    expect(Math.abs((c.time as number) - v.truth90)).toBeLessThanOrEqual(0.05 * lead);
    // The forecast starts from the level after the clean-up, not before it.
    expect(f.anchor as number).toBeLessThan(v.values[v.values.length - 5] + 1);
  });

  test('spikes do not move the fit', () => {
    const clean = disk({ days: 14, stepMs: HOUR, rate: 1, sd: 0.2, seed: 5 });
    const spiky = disk({ days: 14, stepMs: HOUR, rate: 1, sd: 0.2, seed: 5, spikes: [40, 41, 150, 300, 320] });
    const a = dated(clean).f.diagnostics.slopePerDay as number;
    const b = dated(spiky).f.diagnostics.slopePerDay as number;
    expect(Math.abs(a - b)).toBeLessThan(0.02);
    expect(dated(spiky).f.diagnostics.spikesRemoved as number).toBeGreaterThanOrEqual(5);
  });

  test('a flat volume with a day/night swing gets no date, and a shrinking one moves away', () => {
    const flat = disk({ days: 21, stepMs: 30 * 60_000, rate: 1e-9, amp: 1.5, sd: 0.3, phi: 0.8, seed: 7 });
    const { c } = dated(flat);
    expect(c.time).toBeNull();
    const g = seededRandom(9);
    const times = Array.from({ length: 500 }, (_, i) => START + i * HOUR);
    const values = times.map((_, i) => 60 - i * 0.02 + g.normal(0, 0.2));
    const f = forecastFitted(
      { name: 's', labels: {}, times, values },
      validForecastOptions({ model: 'last-trend', horizon: '30d', thresholds: [90] })
    );
    expect(f.crossings[0].status).toBe('moves-away');
  });

  test('a slope change without a drop starts the trend where the slope changed', () => {
    const g = seededRandom(11);
    const times = Array.from({ length: 30 * 24 }, (_, i) => START + i * HOUR);
    const values = times.map((_, i) => (i < 20 * 24 ? 20 + i * 0.01 : 24.8 + (i - 480) * 0.08) + g.normal(0, 0.1));
    const f = forecastFitted(
      { name: 's', labels: {}, times, values },
      validForecastOptions({ model: 'last-trend', horizon: '30d', thresholds: [90] })
    );
    expect(f.diagnostics.slopeChanges).toBe(1);
    expect(f.diagnostics.slopePerDay as number).toBeCloseTo(0.08 * 24, 1);
    const startDay = ((f.diagnostics.segmentStart as number) - START) / DAY;
    expect(Math.abs(startDay - 20)).toBeLessThan(1);
  });

  test('the date interval is about the trend: it holds the true date and is narrower than the observation band', () => {
    let covered = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const v = disk({ days: 28, stepMs: HOUR, rate: 1, amp: 0.5, sd: 0.5, phi: 0.5, seed });
      const { c } = dated(v);
      if ((c.earliest as number) <= v.truth90 && v.truth90 <= (c.latest as number)) {
        covered++;
      }
    }
    expect(covered).toBeGreaterThanOrEqual(18);
    const v = disk({ days: 28, stepMs: HOUR, rate: 1, amp: 0.5, sd: 0.5, phi: 0.5, seed: 1 });
    const { f, c } = dated(v);
    const k = f.forecast!.times.findIndex((t) => t >= (c.time as number));
    const observationWidth = f.forecast!.upper[k] - f.forecast!.lower[k];
    const trendWidth = ((c.latest as number) - (c.earliest as number)) / DAY; // days at 1 point/day
    expect(trendWidth).toBeLessThan(observationWidth);
  });

  test("the seed's peak loop stays as the named variant last-trend-peaks", () => {
    const v = disk({ days: 14, stepMs: HOUR, rate: 1, sd: 0.05, seed: 2 });
    const { f } = dated(v, 'last-trend-peaks');
    expect(f.model).toBe('last-trend-peaks');
    expect(f.diagnostics.segmenter).toBe('seed-peak-loop');
  });

  test('a weekly swing is found and taken out; clean-ups with new rates on a daily sawtooth leave no weekly cycle behind', () => {
    const stepMs = 30 * 60_000;
    const trendOf = (times: number[], values: number[]) =>
      forecastFitted(
        { name: 'w', labels: {}, times, values },
        validForecastOptions({ model: 'last-trend', horizon: '60d', thresholds: [90] })
      ).diagnostics;
    // 35 days growing 1.5 %/day under a 2-point weekly sine and AR(1) noise.
    const g = seededRandom(31);
    const times: number[] = [];
    const swing: number[] = [];
    let ar = 0;
    for (let i = 0; i < 35 * 48; i++) {
      const t = START + i * stepMs;
      ar = 0.8 * ar + g.normal(0, 0.1);
      times.push(t);
      swing.push(30 + (1.5 * i * stepMs) / DAY + 2 * Math.sin((2 * Math.PI * t) / (7 * DAY)) + ar);
    }
    const weekly = trendOf(times, swing);
    expect(weekly.cycles).toBe('weekly');
    expect(weekly.slopePerDay as number).toBeCloseTo(1.5, 1);
    // 32 days of a log-rotation sawtooth, three clean-ups to half the level, each with a new rate.
    // The week-long averages a weekly figure is measured around bend at every clean-up; a figure
    // made of those bends, taken out, would cut the last segment into pieces.
    const n = 32 * 48;
    const cuts = [Math.round(n * 0.3), Math.round(n * 0.5), Math.round(n * 0.7)];
    const rates = [3, 1, 6, 4];
    let level = 20;
    const sawTimes: number[] = [];
    const saw: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = START + i * stepMs;
      if (cuts.includes(i)) {
        level *= 0.5;
      }
      sawTimes.push(t);
      saw.push(level + 1.2 * (((t - 3 * HOUR) % DAY) / DAY - 0.5) + g.normal(0, 0.03));
      level += (rates[cuts.filter((c) => i >= c).length] * stepMs) / DAY;
    }
    const daily = trendOf(sawTimes, saw);
    expect(daily.cycles).toBe('daily');
    expect(daily.slopeChanges).toBe(0);
    expect(daily.slopePerDay as number).toBeCloseTo(4, 1);
  });

  test('too few points is a problem, not a throw', () => {
    expect(fitCapacityTrend(Float64Array.from([1, NaN]), 0, HOUR)).toBeNull();
  });
});

describe('capacity trend parts', () => {
  const rowTimes = (n: number, stepMs: number) => Float64Array.from({ length: n }, (_, i) => START + i * stepMs);

  test('findCycle: a log-rotation sawtooth on a trend is found, with its amplitude; white noise is not', () => {
    const g = seededRandom(1);
    const stepMs = 10 * 60_000;
    const n = 14 * 144;
    const t = rowTimes(n, stepMs);
    const saw = Float64Array.from(t, (ti, i) => 20 + i * 0.005 + 2 * ((ti % DAY) / DAY - 0.5) + g.normal(0, 0.05));
    const c = findCycle(saw, t, DAY, stepMs);
    expect(c).not.toBeNull();
    expect(c!.amplitude).toBeGreaterThan(0.8);
    expect(c!.amplitude).toBeLessThan(1.2);
    const noise = Float64Array.from(t, (_, i) => 20 + i * 0.005 + g.normal(0, 0.5));
    expect(findCycle(noise, t, DAY, stepMs)).toBeNull();
  });

  test('estimateNoise: φ of AR(1) noise is recovered; white noise has φ near 0', () => {
    const g = seededRandom(4);
    let ar = 0;
    const y = Float64Array.from({ length: 4000 }, (_, i) => {
      ar = 0.9 * ar + g.normal(0, 1);
      return i * 0.01 + ar;
    });
    const w = Float64Array.from({ length: 4000 }, (_, i) => i * 0.01 + g.normal(0, 1));
    expect(estimateNoise(y, 144).phi).toBeGreaterThan(0.82);
    expect(estimateNoise(y, 144).phi).toBeLessThan(0.96);
    expect(estimateNoise(w, 144).phi).toBeLessThan(0.08);
  });

  test('findLevelShifts: a clean-up is found at its row; a one-hour spike is not a shift', () => {
    const g = seededRandom(6);
    const y = Float64Array.from(
      { length: 600 },
      (_, i) => (i < 400 ? 50 + i * 0.02 : 30 + i * 0.02) + g.normal(0, 0.1)
    );
    for (let i = 200; i < 206; i++) {
      y[i] += 15;
    }
    const shifts = findLevelShifts(y, 6, 144);
    expect(shifts).toHaveLength(1);
    expect(shifts[0].at).toBe(400);
    expect(shifts[0].size).toBeCloseTo(-20, 0);
  });

  test('findLevelShifts: a fast, quiet trend is not a staircase of shifts; a clean-up in it is measured net of the growth', () => {
    // Hourly rows growing 10 %/day (0.42 per row) with 0.02 of noise, two segments at different rates.
    const g = seededRandom(8);
    const y = Float64Array.from({ length: 24 * 20 }, (_, i) =>
      i < 240 ? 5 + (i * 2) / 24 + g.normal(0, 0.02) : 15 + ((i - 240) * 10) / 24 + g.normal(0, 0.02)
    );
    const shifts = findLevelShifts(y, 2, 24);
    expect(shifts).toHaveLength(1);
    expect(shifts[0].at).toBe(240);
    // From 25 (where the first segment was heading) down to 15.
    expect(shifts[0].size).toBeCloseTo(-10, 0);
  });
});

describe('weekend slowdown', () => {
  test('is found from the data and taken out: the trend is the weekly mean rate', () => {
    const g = seededRandom(21);
    const stepMs = HOUR;
    const times: number[] = [];
    const values: number[] = [];
    // Weekdays grow 1.2 %/day, weekends 0.5 × that: the weekly mean is (5 + 1) · 1.2 / 7.
    let level = 20;
    for (let t = START; t < START + 21 * DAY; t += stepMs) {
      const dow = new Date(t).getUTCDay();
      level += ((dow === 0 || dow === 6 ? 0.6 : 1.2) * stepMs) / DAY;
      times.push(t);
      values.push(level + g.normal(0, 0.05));
    }
    const f = forecastFitted(
      { name: 'w', labels: {}, times, values },
      validForecastOptions({ model: 'last-trend', horizon: '60d', thresholds: [90] })
    );
    expect(f.diagnostics.weekendRate as number).toBeGreaterThan(0.4);
    expect(f.diagnostics.weekendRate as number).toBeLessThan(0.6);
    expect(f.diagnostics.slopePerDay as number).toBeCloseTo((6 * 1.2) / 7, 1);
    // Without it, the bends would read as slope changes and the trend would rest on a few days.
    expect(f.diagnostics.slopeChanges).toBe(0);
  });

  test('a volume that ends on a Saturday morning, after a clean-up, is dated on the weekly mean rate', () => {
    // Hourly, a clean-up 8 days before the end, after which weekdays grow 6 %/day and weekends
    // 0.6 × that. The rate before the clean-up was a third of that: the weekend bend must follow
    // the local rate into the partial last day, not jump to the whole history's rate at midnight.
    const g = seededRandom(22);
    const end = Date.UTC(2025, 0, 11, 10); // Saturday 10:00
    const cut = end - 8 * DAY;
    const times: number[] = [];
    const values: number[] = [];
    let level = 10;
    for (let t = end - 24 * DAY; t <= end; t += HOUR) {
      const dow = new Date(t).getUTCDay();
      const weekday = t < cut ? 2 : 6;
      if (t === cut) {
        level *= 0.5;
      }
      times.push(t);
      values.push(level + g.normal(0, 0.05));
      // The hour from t grows at t's day's rate.
      level += ((dow === 0 || dow === 6 ? 0.6 * weekday : weekday) * HOUR) / DAY;
    }
    const mean = (5 * 6 + 2 * 0.6 * 6) / 7;
    const f = forecastFitted(
      { name: 'w', labels: {}, times, values },
      validForecastOptions({ model: 'last-trend', horizon: '60d', thresholds: [90] })
    );
    expect(f.diagnostics.slopePerDay as number).toBeGreaterThan(0.95 * mean);
    expect(f.diagnostics.slopePerDay as number).toBeLessThan(1.05 * mean);
    // The trend rests on the days since the clean-up, not on the hours since Saturday began.
    expect(end - (f.diagnostics.segmentStart as number)).toBeGreaterThan(7 * DAY);
  });
});
