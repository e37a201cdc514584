import { seededRandom } from '../../engine/stats/seededRandom';
import { forward, NetworkShape, weightSizes } from './forwardPass';
import { LstmLoss } from './lstmConfig';
import { buildNetwork, readWeights, trainNetwork, writeWeights } from './lstmNetwork';
import { initialOneStepWeights, trainOneStepNetwork } from './oneStepNetwork';
import { loadTf } from './tfRuntime';
import { makeWindows } from './windows';

jest.setTimeout(60_000);

/** A scaled daily cycle with noise. */
function scaledDaily(n: number): Float64Array {
  const rng = seededRandom(4);
  return Float64Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * i) / 24) + rng.normal(0, 0.2));
}

describe('one-step network trainer', () => {
  it('gives weights of the tfjs layout: the sizes of weightSizes, forget-gate biases 1, seeded', () => {
    const shape: NetworkShape = { timeSteps: 1, features: 24, units: 8, outputs: 1 };
    const w = initialOneStepWeights(shape, 3);
    expect(w.map((a) => a.length)).toEqual(weightSizes(shape));
    expect(Array.from(w[2])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, ...new Array(16).fill(0)]);
    expect(Array.from(w[1]).every((v) => v === 0)).toBe(true);
    // Glorot-uniform: within ±√(6 / (24 + 32)).
    expect(Math.max(...Array.from(w[0], Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 56));
    expect(initialOneStepWeights(shape, 3)).toEqual(w);
    expect(initialOneStepWeights(shape, 4)[0]).not.toEqual(w[0]);
  });

  it.each<[string, number, LstmLoss]>([
    ['one output, mae', 1, 'mae'],
    ['three outputs, mse', 3, 'mse'],
  ])('trains as tfjs does from the same weights (%s): every weight within 1e-4', async (_l, outputs, loss) => {
    const rt = await loadTf({ backend: 'cpu' });
    const shape: NetworkShape = { timeSteps: 1, features: 12, units: 6, outputs };
    const windows = makeWindows(scaledDaily(120), { lookBack: 12, outputs });
    const start = initialOneStepWeights(shape, 9);
    const settings = { epochs: 3, batchSize: 16, learningRate: 0.01, loss, seed: 5 };
    const ours = await trainOneStepNetwork(shape, start, windows, settings);
    const model = buildNetwork(rt, shape, 0, 9);
    let theirs: Float32Array[];
    let theirLosses: number[];
    try {
      writeWeights(rt, model, shape, start);
      theirLosses = (await trainNetwork(rt, model, shape, windows, settings)).losses;
      theirs = readWeights(model);
    } finally {
      model.dispose();
    }
    expect(ours.report.losses).toHaveLength(3);
    ours.report.losses.forEach((l, e) => expect(Math.abs(l - theirLosses[e])).toBeLessThan(1e-5));
    // Training moved the weights, and both trainers moved every weight to the same value (float32 rounding apart).
    expect(ours.weights[0]).not.toEqual(start[0]);
    ours.weights.forEach((w, i) => w.forEach((v, k) => expect(Math.abs(v - theirs[i][k])).toBeLessThan(1e-4)));
    const x = windows.x.subarray(0, 12);
    const a = forward(shape, ours.weights, x);
    const b = forward(shape, theirs, x);
    for (let j = 0; j < outputs; j++) {
      expect(Math.abs(a[j] - b[j])).toBeLessThan(1e-4);
    }
    // The forget gates and recurrent kernels never act on one step: left as they were.
    expect(ours.weights[1]).toEqual(start[1]);
    expect(ours.weights[2].subarray(6, 12)).toEqual(start[2].subarray(6, 12));
  });

  it('with dropout: masks drawn from the seed (reproducible), a different fit from no dropout, finite losses', async () => {
    const shape: NetworkShape = { timeSteps: 1, features: 12, units: 6, outputs: 1 };
    const windows = makeWindows(scaledDaily(120), { lookBack: 12, outputs: 1 });
    const start = initialOneStepWeights(shape, 2);
    const settings = { epochs: 2, batchSize: 16, learningRate: 0.01, loss: 'mae' as const, seed: 3 };
    const a = await trainOneStepNetwork(shape, start, windows, settings, 0.5);
    const b = await trainOneStepNetwork(shape, start, windows, settings, 0.5);
    const none = await trainOneStepNetwork(shape, start, windows, settings, 0);
    expect(a.weights).toEqual(b.weights);
    expect(a.weights[0]).not.toEqual(none.weights[0]);
    expect(a.report.losses.every(Number.isFinite)).toBe(true);
  });

  it('stops on an aborted signal with TrainingCancelled', async () => {
    const shape: NetworkShape = { timeSteps: 1, features: 12, units: 6, outputs: 1 };
    const windows = makeWindows(scaledDaily(120), { lookBack: 12, outputs: 1 });
    const controller = new AbortController();
    const run = trainOneStepNetwork(shape, initialOneStepWeights(shape, 1), windows, {
      epochs: 50,
      batchSize: 16,
      learningRate: 0.01,
      seed: 1,
      signal: controller.signal,
      onEpoch: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'TrainingCancelled' });
  });
});
