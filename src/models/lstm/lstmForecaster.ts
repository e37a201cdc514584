/**
 * Forecasts from a trained LSTM state, without tfjs (forwardPass.ts): recursive (or direct, in
 * blocks of the head's width) per component, unscaled, the trend re-integrated from its
 * differences, the components summed.
 *
 * The 95% band (documented in docs/models.md, "LSTM"): σ_k, the error sd k steps ahead, is
 * measured on the training series by forecasting from up to 12 origins in its last part (spaced
 * K/4 apart, K = min(max(48, 2·period), 336, n/4) steps each), each origin seeing the series
 * decomposed up to itself only, as a real forecast would:
 *   σ_k = sqrt(mean over origins of (y[o+k] − ŷ_o(k))²), then at least σ₁ (the in-sample
 *   one-step error sd) and made non-decreasing in k; beyond K it grows as σ_K·√(k/K).
 * The band is ŷ ± z·σ_k with z the normal quantile of the level. With fewer than 3 origins
 * σ_k = σ₁·√k. The networks did see those points in training, so the band is still somewhat
 * optimistic; its coverage on held-out data is measured in bench/lstm.bench.ts.
 */
import { median } from '../../engine/stats/median';
import { forward } from './forwardPass';
import { ComponentSeries } from './lstmComponents';
import { ComponentState, NaiveBlend, NETWORKS_ONLY } from './lstmState';
import { yieldToEventLoop, yieldWhenDue } from './threadTurns';
import { scaleValues, windowMean } from './windows';

/** A component's state next to its sequences on the current series. */
export interface ComponentView {
  state: ComponentState;
  series: ComponentSeries;
  /** Scaled modelled sequence. */
  z: Float64Array;
}

export function viewComponents(states: ComponentState[], series: ComponentSeries[]): ComponentView[] {
  return states.map((state, i) => ({ state, series: series[i], z: scaleValues(series[i].modelled, state.scaling) }));
}

/** One component's forecast (its level) for steps 1…horizon after row `origin`; a differenced one damped by φ = `damping`. */
export function forecastComponent(v: ComponentView, origin: number, horizon: number, damping = 1): Float64Array {
  const { shape, scaling, differenced } = v.state;
  const L = shape.timeSteps * shape.features;
  const buffer = new Float64Array(L + horizon);
  for (let j = 0; j < L; j++) {
    buffer[j] = v.z[origin - L + 1 + j];
  }
  const centred = v.state.centred;
  const input = new Float64Array(L);
  let k = 0;
  while (k < horizon) {
    const m = centred ? windowMean(buffer, k, k + L) : 0;
    for (let j = 0; j < L; j++) {
      input[j] = buffer[k + j] - m;
    }
    const out = forward(shape, v.state.weights, input);
    const take = Math.min(out.length, horizon - k);
    for (let j = 0; j < take; j++) {
      buffer[L + k + j] = out[j] + m;
    }
    k += take;
  }
  const level = new Float64Array(horizon);
  const lag = v.state.seasonalLag;
  let acc = differenced ? v.series.level[origin] : 0;
  let weight = 1;
  for (let j = 0; j < horizon; j++) {
    const value = buffer[L + j] * scaling.scale + scaling.center;
    if (differenced) {
      weight *= damping;
      acc += weight * value;
      level[j] = acc;
    } else if (lag > 0) {
      // One season earlier: a known row, or a step already forecast.
      level[j] = (j >= lag ? level[j - lag] : v.series.level[origin + 1 + j - lag]) + value;
    } else {
      level[j] = value;
    }
  }
  return level;
}

/**
 * The series' value at `row` on the model's scale, from its components: the decomposed variant's
 * trend, seasonal and residual add up to it; every raw network holds the series itself.
 */
export function seriesLevel(views: ComponentView[], row: number): number {
  if (views[0].state.name === 'series') {
    return views[0].series.level[row];
  }
  let sum = 0;
  for (const v of views) {
    sum += v.series.level[row];
  }
  return sum;
}

/**
 * The series' forecast after row `origin` from its components' forecasts: the decomposed
 * variant's trend, seasonal and residual add up; the raw variant's networks (all named 'series',
 * each trained from its own seed) give their median, so one network that learnt a wrong turn does
 * not move the forecast. `damping` φ applies to differenced (trend) components. With a `blend`
 * weight under 1 the networks' forecast is combined with a seasonal naive partner: the row `lag`
 * before each step (from the rows up to `origin`), and with blend.drift, past the first cycle,
 * plus networksDrift once per cycle. A plain copy of the last cycle at every step halved a filling
 * disk's rise 14 days out (a synthetic fill of 0.05/h: 92.1 against the networks' 94.9, 95.3 with
 * the drift; the truth 104.0). Where the copied row is unknown the networks' value stands.
 */
export function combinedForecast(
  views: ComponentView[],
  origin: number,
  horizon: number,
  damping = 1,
  blend: NaiveBlend = NETWORKS_ONLY
): Float64Array {
  const w = blend.weight;
  const lag = Math.max(1, Math.floor(blend.lag));
  const blending = w < 1 && origin + 1 - lag >= 0;
  const drifting = blending && blend.drift && horizon > lag;
  // The drift is read off the networks' second cycle: forecast at least that far.
  const steps = drifting ? Math.max(horizon, 2 * lag) : horizon;
  const forecasts = views.map((v) => forecastComponent(v, origin, steps, damping));
  const out = new Float64Array(steps);
  if (views.every((v) => v.state.name === 'series')) {
    for (let k = 0; k < steps; k++) {
      out[k] = median(forecasts.map((f) => f[k]));
    }
  } else {
    forecasts.forEach((f) => f.forEach((x, k) => (out[k] += x)));
  }
  if (!blending) {
    return out.subarray(0, horizon);
  }
  const drift = drifting ? networksDrift(out, lag) : 0;
  const combined = new Float64Array(horizon);
  for (let k = 0; k < horizon; k++) {
    const partner = seriesLevel(views, origin + 1 - lag + (k % lag)) + drift * Math.floor(k / lag);
    combined[k] = Number.isFinite(partner) ? w * out[k] + (1 - w) * partner : out[k];
  }
  return combined;
}

/**
 * The networks' change per cycle: the median over their second forecast cycle of
 * out[k] − out[k − lag] (out holds at least 2·lag steps). The median, so one phase's burst does
 * not tilt the whole partner.
 */
export function networksDrift(out: Float64Array, lag: number): number {
  const changes: number[] = [];
  for (let k = lag; k < 2 * lag; k++) {
    changes.push(out[k] - out[k - lag]);
  }
  return median(changes);
}

/** First row whose one-step forecast has a full window in every component. */
export function firstForecastableRow(views: ComponentView[]): number {
  let first = 0;
  for (const v of views) {
    const L = v.state.shape.timeSteps * v.state.shape.features;
    // A differenced sequence starts with NaN (one row, or a season of rows): its first full window ends that much later.
    first = Math.max(first, L + (v.state.differenced ? 1 : 0) + v.state.seasonalLag);
  }
  return first;
}

/** One-step in-sample forecasts for rows fromRow…n−1 (NaN where the window is incomplete). */
export function oneStepFitted(
  views: ComponentView[],
  n: number,
  fromRow: number,
  blend: NaiveBlend = NETWORKS_ONLY
): Float64Array {
  const out = new Float64Array(Math.max(0, n - fromRow)).fill(NaN);
  fillOneStep(out, views, Math.max(fromRow, firstForecastableRow(views)), n, fromRow, blend);
  return out;
}

/**
 * oneStepFitted over every row (fromRow 0), in blocks of rows with a turn of the event loop when
 * due between them: over a whole training series the pass lasts longer than a page may wait.
 */
export async function oneStepFittedInTurns(
  views: ComponentView[],
  n: number,
  blend: NaiveBlend = NETWORKS_ONLY
): Promise<Float64Array> {
  const out = new Float64Array(n).fill(NaN);
  for (let t = firstForecastableRow(views); t < n; t += ONE_STEP_BLOCK) {
    await yieldWhenDue();
    fillOneStep(out, views, t, Math.min(n, t + ONE_STEP_BLOCK), 0, blend);
  }
  return out;
}

/** Rows of the one-step pass between two looks at the clock (about 2 ms of forward passes). */
const ONE_STEP_BLOCK = 64;

function fillOneStep(
  out: Float64Array,
  views: ComponentView[],
  from: number,
  to: number,
  fromRow: number,
  blend: NaiveBlend
): void {
  for (let t = from; t < to; t++) {
    out[t - fromRow] = combinedForecast(views, t - 1, 1, 1, blend)[0];
  }
}

/** sd of y − fitted over rows where both are finite (NaN when fewer than 2). */
export function errorSd(y: ArrayLike<number>, fitted: Float64Array, fromRow: number): number {
  let n = 0;
  let ss = 0;
  for (let i = 0; i < fitted.length; i++) {
    const e = y[fromRow + i] - fitted[i];
    if (Number.isFinite(e)) {
      n++;
      ss += e * e;
    }
  }
  return n >= 2 ? Math.sqrt(ss / n) : NaN;
}

/** Steps of the measured error profile for a series of n rows with this period. */
export function bandProfileSteps(n: number, period: number | null): number {
  return Math.max(1, Math.min(Math.max(48, 2 * (period ?? 24)), 336, Math.floor(n / 4)));
}

/**
 * σ_k for k = 1…K from multi-origin forecasts; see the file comment. `viewsAt(o)` gives the
 * components as they were known at origin o (the series decomposed up to row o only, its trend
 * extrapolated to that edge): the two-sided moving average would otherwise leak y[o+1…] into the
 * windows, and the errors would be those of a model that sees the future.
 */
export async function errorProfile(
  viewsAt: (origin: number) => ComponentView[] | null,
  y: ArrayLike<number>,
  period: number | null,
  oneStepSd: number,
  damping = 1,
  blend: NaiveBlend = NETWORKS_ONLY
): Promise<number[]> {
  const n = y.length;
  const K = bandProfileSteps(n, period);
  const spacing = Math.max(1, Math.round(K / 4));
  const sums = new Float64Array(K);
  const counts = new Float64Array(K);
  let origins = 0;
  for (let j = 0; j < 12; j++) {
    const o = n - 1 - K - j * spacing;
    const views = o > 0 ? viewsAt(o) : null;
    if (!views || o < firstForecastableRow(views)) {
      break;
    }
    origins++;
    const f = combinedForecast(views, o, K, damping, blend);
    for (let k = 0; k < K; k++) {
      const e = y[o + 1 + k] - f[k];
      if (Number.isFinite(e)) {
        sums[k] += e * e;
        counts[k]++;
      }
    }
    // Each origin is a decomposition and a long forecast: where a page runs the training, it gets
    // its turn in between.
    await yieldToEventLoop();
  }
  const sd1 = Number.isFinite(oneStepSd) ? oneStepSd : 0;
  const profile: number[] = new Array(K);
  let running = sd1;
  for (let k = 0; k < K; k++) {
    const measured = origins >= 3 && counts[k] > 0 ? Math.sqrt(sums[k] / counts[k]) : sd1 * Math.sqrt(k + 1);
    running = Math.max(running, measured);
    profile[k] = running;
  }
  return profile;
}

/** σ_k for k = 1…horizon from a stored profile (√k growth past its end). */
export function bandSdAt(profile: number[], k: number): number {
  if (profile.length === 0) {
    return NaN;
  }
  if (k <= profile.length) {
    return profile[k - 1];
  }
  const K = profile.length;
  return profile[K - 1] * Math.sqrt(k / K);
}
