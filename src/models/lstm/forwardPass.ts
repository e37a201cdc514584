/**
 * Inference of the seed's network in plain TypeScript from its saved weights:
 *   LSTM(u, relu, return_sequences) → Dropout → LSTM(u) → Dropout → Dense(u/2, relu) → Dense(S)
 * Dropout is the identity at inference. Keras/tfjs conventions: an LSTM layer's weights are
 * kernel [in, 4u], recurrent kernel [u, 4u], bias [4u], gates in the order i, f, c, o;
 *   i = σ(x·Wi + h·Ui + bi), f = σ(…), g = act(…), o = σ(…),
 *   c' = f·c + i·g,  h' = o·act(c').
 * Why not tfjs: a recursive forecast calls the network once per step and per component; a tfjs
 * `predict` costs ~0.5 ms of dispatch each, this costs microseconds, and a refresh from the cache
 * needs no tfjs at all. lstmNetwork.test.ts checks it against tfjs `predict`.
 */

import { denseRows } from './denseRows';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear';

export interface NetworkShape {
  /** Time steps × features of one input: (1, L) for 'features', (L, 1) for 'steps'. */
  timeSteps: number;
  features: number;
  units: number;
  outputs: number;
}

/** The weights in tfjs `model.getWeights()` order, as flat Float32Arrays. */
export type NetworkWeights = Float32Array[];

/** Number of floats in each weight tensor of the network, in order. */
export function weightSizes(shape: NetworkShape): number[] {
  const u = shape.units;
  const d = Math.max(1, Math.floor(u / 2));
  return [
    shape.features * 4 * u,
    u * 4 * u,
    4 * u,
    u * 4 * u,
    u * 4 * u,
    4 * u,
    u * d,
    d,
    d * shape.outputs,
    shape.outputs,
  ];
}

/** The shapes matching weightSizes, for tfjs `setWeights`. */
export function weightShapes(shape: NetworkShape): number[][] {
  const u = shape.units;
  const d = Math.max(1, Math.floor(u / 2));
  return [
    [shape.features, 4 * u],
    [u, 4 * u],
    [4 * u],
    [u, 4 * u],
    [u, 4 * u],
    [4 * u],
    [u, d],
    [d],
    [d, shape.outputs],
    [shape.outputs],
  ];
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

function activate(v: number, a: Activation): number {
  switch (a) {
    case 'relu':
      return v > 0 ? v : 0;
    case 'tanh':
      return Math.tanh(v);
    case 'sigmoid':
      return sigmoid(v);
    default:
      return v;
  }
}

/** One LSTM layer over `steps` inputs of `inDim` values each; returns every step's h (steps × u). */
function lstmLayer(
  input: Float64Array,
  steps: number,
  inDim: number,
  u: number,
  kernel: Float32Array,
  recurrent: Float32Array,
  bias: Float32Array,
  act: Activation
): Float64Array {
  const h = new Float64Array(u);
  const c = new Float64Array(u);
  const z = new Float64Array(4 * u);
  const out = new Float64Array(steps * u);
  for (let t = 0; t < steps; t++) {
    for (let k = 0; k < 4 * u; k++) {
      z[k] = bias[k];
    }
    for (let j = 0; j < inDim; j++) {
      const xj = input[t * inDim + j];
      if (xj === 0) {
        continue;
      }
      const row = j * 4 * u;
      for (let k = 0; k < 4 * u; k++) {
        z[k] += xj * kernel[row + k];
      }
    }
    for (let j = 0; j < u; j++) {
      const hj = h[j];
      if (hj === 0) {
        continue;
      }
      const row = j * 4 * u;
      for (let k = 0; k < 4 * u; k++) {
        z[k] += hj * recurrent[row + k];
      }
    }
    for (let k = 0; k < u; k++) {
      const i = sigmoid(z[k]);
      const f = sigmoid(z[u + k]);
      const g = activate(z[2 * u + k], act);
      const o = sigmoid(z[3 * u + k]);
      c[k] = f * c[k] + i * g;
      h[k] = o * activate(c[k], act);
      out[t * u + k] = h[k];
    }
  }
  return out;
}

function dense(
  input: Float64Array,
  inDim: number,
  outDim: number,
  kernel: Float32Array,
  bias: Float32Array,
  act: Activation
): Float64Array {
  const out = new Float64Array(outDim);
  for (let k = 0; k < outDim; k++) {
    let s = bias[k];
    for (let j = 0; j < inDim; j++) {
      s += input[j] * kernel[j * outDim + k];
    }
    out[k] = activate(s, act);
  }
  return out;
}

/**
 * The one-time-step network's weights rearranged for its forward pass: each LSTM layer's input,
 * cell-candidate and output gate columns (with a zero state the forget gate and the recurrent
 * kernel do nothing), each kernel transposed so that a gate is a dot product over a contiguous row.
 */
interface OneStepKernels {
  /** The weight arrays these were made from (a cache entry is used only for the same ones). */
  source: Float32Array[];
  /** [3u, features] and [3u]. */
  k1: Float64Array;
  b1: Float64Array;
  /** [3u, u] and [3u]. */
  k2: Float64Array;
  b2: Float64Array;
}

/** The kept gates in tfjs' order i, f, c, o: i, c (the candidate g), o. */
const ONE_STEP_GATES = [0, 2, 3];

/** Per weight set: forecasting calls the network thousands of times with the same weights. Weights are never changed in place. */
const oneStepCache = new WeakMap<NetworkWeights, OneStepKernels>();

function transposedGates(kernel: Float32Array, rows: number, u: number): Float64Array {
  const out = new Float64Array(3 * u * rows);
  ONE_STEP_GATES.forEach((gate, b) => {
    for (let k = 0; k < u; k++) {
      for (let r = 0; r < rows; r++) {
        out[(b * u + k) * rows + r] = kernel[r * 4 * u + gate * u + k];
      }
    }
  });
  return out;
}

function oneStepKernels(shape: NetworkShape, w: NetworkWeights): OneStepKernels {
  const cached = oneStepCache.get(w);
  if (cached && cached.source.every((a, i) => a === w[i])) {
    return cached;
  }
  const u = shape.units;
  const kernels: OneStepKernels = {
    source: w.slice(),
    k1: transposedGates(w[0], shape.features, u),
    b1: transposedGates(w[2], 1, u),
    k2: transposedGates(w[3], u, u),
    b2: transposedGates(w[5], 1, u),
  };
  oneStepCache.set(w, kernels);
  return kernels;
}

/** A gated dense layer (an LSTM layer over one step from a zero state): h = σ(z_o)·act(σ(z_i)·act(z_g)). */
function gatedLayer(
  input: ArrayLike<number>,
  inDim: number,
  u: number,
  kernel: Float64Array,
  bias: Float64Array,
  act: Activation
): Float64Array {
  const h = new Float64Array(u);
  const z = new Float64Array(3 * u);
  denseRows(z, 3 * u, bias, 0, kernel, 0, input, 0, inDim);
  for (let k = 0; k < u; k++) {
    const c = sigmoid(z[k]) * activate(z[u + k], act);
    h[k] = sigmoid(z[2 * u + k]) * activate(c, act);
  }
  return h;
}

/** forward for timeSteps 1: the same values as the general path, without the forget gate and the recurrent kernels. */
function forwardOneStep(shape: NetworkShape, w: NetworkWeights, window: ArrayLike<number>): Float64Array {
  const u = shape.units;
  const d = Math.max(1, Math.floor(u / 2));
  const k = oneStepKernels(shape, w);
  const h1 = gatedLayer(window, shape.features, u, k.k1, k.b1, 'relu');
  const h2 = gatedLayer(h1, u, u, k.k2, k.b2, 'tanh');
  const hidden = dense(h2, u, d, w[6], w[7], 'relu');
  return dense(hidden, d, shape.outputs, w[8], w[9], 'linear');
}

/**
 * The network's output for one window (length timeSteps × features, row-major as the tfjs input).
 * Preconditions: weights match weightSizes(shape). Returns `outputs` values.
 */
export function forward(shape: NetworkShape, w: NetworkWeights, window: ArrayLike<number>): Float64Array {
  if (shape.timeSteps === 1) {
    return forwardOneStep(shape, w, window);
  }
  const { timeSteps, features, units: u, outputs } = shape;
  const d = Math.max(1, Math.floor(u / 2));
  const x = Float64Array.from(window as ArrayLike<number>);
  const seq1 = lstmLayer(x, timeSteps, features, u, w[0], w[1], w[2], 'relu');
  const seq2 = lstmLayer(seq1, timeSteps, u, u, w[3], w[4], w[5], 'tanh');
  const last = seq2.subarray((timeSteps - 1) * u, timeSteps * u);
  const hidden = dense(last, u, d, w[6], w[7], 'relu');
  return dense(hidden, d, outputs, w[8], w[9], 'linear');
}
