import { seededRandom } from '../../engine/stats/seededRandom';
import { RegularSeries } from '../../engine/types';
import { isProblem } from '../types';
import { forward, NetworkShape } from './forwardPass';
import { splitComponents } from './lstmComponents';
import { LstmConfig } from './lstmConfig';
import { forecastComponent, oneStepFitted, oneStepFittedInTurns, viewComponents } from './lstmForecaster';
import { LstmState } from './lstmState';
import { fitLstm, lstmFittedModel } from './lstmModel';
import { buildNetwork, predictWithTf, readWeights, trainNetwork } from './lstmNetwork';
import { trainLstm } from './lstmTraining';
import { loadTf } from './tfRuntime';
import { makeWindows } from './windows';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
/** Small and fast: a few seconds for the three networks on 2 cores. */
const TINY: Partial<LstmConfig> = { units: 8, epochs: 15, batchSize: 32, learningRate: 0.01, seed: 7 };

/** 20 + 5·sin(2πi/24) + N(0, 0.5²): a daily cycle with noise, hourly. */
function noisyDaily(n: number, seed = 1): Float64Array {
  const rng = seededRandom(seed);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = 20 + 5 * Math.sin((2 * Math.PI * i) / 24) + rng.normal(0, 0.5);
  }
  return y;
}

const series = (values: Float64Array): RegularSeries => ({ start: Date.UTC(2024, 0, 1), step: HOUR, values });

function mae(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    s += Math.abs(a[i] - b[i]);
  }
  return s / a.length;
}

function pointForecast(state: LstmState, horizon: number): number[] {
  const m = lstmFittedModel(state, train);
  if (isProblem(m)) {
    throw new Error(m.message);
  }
  return Array.from(m.predict(horizon, 0.95).point);
}

const all = noisyDaily(12 * 24 + 24);
const train = series(all.slice(0, 12 * 24));
const actual = all.slice(12 * 24);

describe('LSTM forecaster', () => {
  it('learns a noisy seasonal signal: held-out MAE within 2× the noise MAE, far below a flat forecast', async () => {
    const fit = await fitLstm(train, { config: TINY });
    if ('code' in fit) {
      throw new Error(`fit failed: ${JSON.stringify(fit)}`);
    }
    expect(fit.model.name).toBe('lstm');
    expect(fit.state.period).toBe(24);
    expect(fit.state.components.map((c) => c.name)).toEqual(['trend', 'seasonal', 'residual']);
    const p = fit.model.predict(24, 0.95);
    const err = mae(p.point, actual);
    // E|N(0, 0.5²)| = 0.40: the best possible MAE. A flat forecast at the mean scores ≈ 3.2.
    expect(err).toBeLessThan(0.8);
    expect(err).toBeGreaterThan(0.2);
    let inside = 0;
    for (let k = 0; k < 24; k++) {
      expect(p.lower[k]).toBeLessThan(p.point[k]);
      expect(p.upper[k]).toBeGreaterThan(p.point[k]);
      inside += actual[k] >= p.lower[k] && actual[k] <= p.upper[k] ? 1 : 0;
    }
    // A 95% band: at most 4 of 24 outside would already be far off.
    expect(inside).toBeGreaterThanOrEqual(20);
    // The band never narrows with the horizon.
    for (let k = 1; k < 24; k++) {
      expect(p.upper[k] - p.lower[k]).toBeGreaterThanOrEqual(p.upper[k - 1] - p.lower[k - 1] - 1e-12);
    }
  });

  it('learns a series that swings in proportion to its level on logarithms: positive forecasts, a band wider above', async () => {
    const rng = seededRandom(5);
    const traffic = Float64Array.from({ length: 13 * 24 }, (_, i) => {
      const level = 10 + 990 * Math.max(0, Math.sin((2 * Math.PI * i) / 24)) ** 2;
      return level * Math.exp(rng.normal(0, 0.1));
    });
    const fit = await fitLstm(series(traffic.slice(0, 12 * 24)), { config: TINY });
    if ('code' in fit) {
      throw new Error(fit.message);
    }
    expect(fit.state.transform).toBe('log');
    expect(fit.model.diagnostics.lstmScale).toBe('log');
    const p = fit.model.predict(24, 0.95);
    const truth = traffic.slice(12 * 24);
    for (let k = 0; k < 24; k++) {
      expect(p.lower[k]).toBeGreaterThan(0);
      expect(p.upper[k] - p.point[k]).toBeGreaterThan(p.point[k] - p.lower[k]);
    }
    // The quiet hours: within a factor of 2 of the truth (an additive fit misses them by more than their value).
    for (const k of [0, 22, 23]) {
      expect(p.point[k] / truth[k]).toBeGreaterThan(0.5);
      expect(p.point[k] / truth[k]).toBeLessThan(2);
    }
    const flat = new Float64Array(24).fill(traffic.slice(0, 12 * 24).reduce((a, b) => a + b) / (12 * 24));
    expect(mae(p.point, truth)).toBeLessThan(0.5 * mae(flat, truth));
  });

  it('is deterministic for a seed (dropout 0): two trainings give the same forecast', async () => {
    const short: Partial<LstmConfig> = { ...TINY, epochs: 2 };
    const a = await trainLstm(train, { config: short });
    const b = await trainLstm(train, { config: short });
    if ('code' in a || 'code' in b) {
      throw new Error('fit failed');
    }
    expect(pointForecast(a, 12)).toEqual(pointForecast(b, 12));
    const c = await trainLstm(train, { config: { ...short, seed: 8 } });
    if ('code' in c) {
      throw new Error('fit failed');
    }
    expect(c.components[0].weights[0]).not.toEqual(a.components[0].weights[0]);
  });

  it('the raw variant is a seed ensemble on the series whose forecast is the median of its networks', async () => {
    // The networks alone: the combination with seasonal naive is tested in lstmHoldOut.test.ts.
    const state = await trainLstm(train, { config: { ...TINY, variant: 'raw', epochs: 2, combineWithNaive: false } });
    if ('code' in state) {
      throw new Error('fit failed');
    }
    expect(state.variant).toBe('raw');
    expect(state.components.map((c) => c.name)).toEqual(['series', 'series', 'series']);
    expect(state.components[1].weights[0]).not.toEqual(state.components[0].weights[0]);
    const comps = splitComponents(train.values, 'raw', null, state.config);
    if (!Array.isArray(comps)) {
      throw new Error(comps.message);
    }
    const views = viewComponents(state.components, comps);
    const last = train.values.length - 1;
    const members = views.map((v) => forecastComponent(v, last, 12));
    const combined = pointForecast(state, 12);
    for (let k = 0; k < 12; k++) {
      const sorted = members.map((f) => f[k]).sort((a, b) => a - b);
      expect(combined[k]).toBeCloseTo(sorted[1], 9);
    }
    const single = await trainLstm(train, { config: { ...TINY, variant: 'raw', epochs: 2, rawMembers: 1 } });
    expect('code' in single ? [] : single.components.map((c) => c.name)).toEqual(['series']);
  });

  it('the one-step pass in turns gives the same values as the pass in one go', async () => {
    const state = await trainLstm(train, { config: { ...TINY, epochs: 2 } });
    if ('code' in state) {
      throw new Error('fit failed');
    }
    const comps = splitComponents(train.values, state.variant, state.period, state.config);
    if (!Array.isArray(comps)) {
      throw new Error(comps.message);
    }
    const views = viewComponents(state.components, comps);
    const n = train.values.length;
    const inOneGo = oneStepFitted(views, n, 0, state.blend);
    const inTurns = await oneStepFittedInTurns(views, n, state.blend);
    expect(Array.from(inTurns)).toEqual(Array.from(inOneGo));
    // Values from the first forecastable row on (blocks of 64 rows: several blocks here).
    expect(Number.isFinite(inTurns[n - 1])).toBe(true);
    expect(n).toBeGreaterThan(3 * 64);
  });

  it('a series too short for the look-back is a problem, not an error', async () => {
    const out = await trainLstm(series(noisyDaily(30)), { config: { ...TINY, lookBack: 24 } });
    expect('code' in out && out.code).toBe('too-few-points');
  });

  it.each<[string, NetworkShape]>([
    ['(1 step × look_back features)', { timeSteps: 1, features: 12, units: 6, outputs: 1 }],
    ['(look_back steps × 1 feature)', { timeSteps: 12, features: 1, units: 6, outputs: 3 }],
  ])('the TypeScript forward pass matches tfjs predict for %s within 1e-5', async (_label, shape) => {
    const rt = await loadTf();
    const z = Float64Array.from(noisyDaily(80), (v) => (v - 20) / 5);
    const windows = makeWindows(z, { lookBack: 12, outputs: shape.outputs });
    const model = buildNetwork(rt, shape, 0, 3);
    try {
      await trainNetwork(rt, model, shape, windows, { epochs: 1, batchSize: 16, learningRate: 0.01, seed: 3 });
      const weights = readWeights(model);
      const count = 10;
      const tfOut = predictWithTf(rt, model, shape, windows.x.subarray(0, count * 12), count);
      for (let w = 0; w < count; w++) {
        const ours = forward(shape, weights, windows.x.subarray(w * 12, (w + 1) * 12));
        for (let j = 0; j < shape.outputs; j++) {
          expect(Math.abs(ours[j] - tfOut[w * shape.outputs + j])).toBeLessThan(1e-5);
        }
      }
    } finally {
      model.dispose();
    }
  });

  it('leaves no tensors behind after training and forecasting', async () => {
    const rt = await loadTf();
    const before = rt.tf.memory().numTensors;
    const fit = await fitLstm(train, { config: { ...TINY, epochs: 2 } });
    if ('code' in fit) {
      throw new Error('fit failed');
    }
    fit.model.predict(48, 0.9);
    expect(rt.tf.memory().numTensors).toBe(before);
  });

  it('stops training on an aborted signal with TrainingCancelled and no leaked tensors', async () => {
    const rt = await loadTf();
    const before = rt.tf.memory().numTensors;
    const controller = new AbortController();
    const run = trainLstm(
      train,
      { config: { ...TINY, epochs: 50 } },
      { signal: controller.signal, onProgress: () => controller.abort() }
    );
    await expect(run).rejects.toMatchObject({ name: 'TrainingCancelled' });
    expect(rt.tf.memory().numTensors).toBe(before);
  });
});
