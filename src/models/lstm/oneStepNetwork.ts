/**
 * Training of the seed's network with its one-time-step input shape ('features': (1, look_back))
 * in plain TypeScript, without tfjs. With one time step and a zero initial state each LSTM layer is
 * a gated dense layer:
 *   i = σ(x·Wi + bi), g = act(x·Wg + bg), o = σ(x·Wo + bo),  c = i·g,  h = o·act(c)
 * (act relu in the first layer, tanh in the second). The forget gate only ever multiplies the zero
 * state and the recurrent kernels only ever meet it: neither changes the output, so neither gets a
 * gradient (tfjs' Adam leaves them as they are too) and this trainer neither computes nor moves
 * them. Then Dense(u/2, relu) → Dense(S), loss mae or mse, Adam as in tfjs (β₁ 0.9, β₂ 0.999,
 * ε 1e-7, bias-corrected), one update per batch of the seeded window order (lstmNetwork.ts).
 * Why not tfjs: each tfjs training step dispatches some hundred small kernels; for this network
 * the dispatch costs more than the arithmetic (docs/benchmarks.md, "LSTM", speed).
 * lstmModel.test.ts checks an epoch against tfjs' own training from the same weights.
 */
import { seededRandom } from '../../engine/stats/seededRandom';
import { NetworkShape, NetworkWeights, weightSizes } from './forwardPass';
import { TrainingCancelled, TrainReport, TrainSettings } from './lstmNetwork';
import { seededPermutation, Windows } from './windows';
import { denseRows } from './denseRows';
import { yieldWhenDue } from './threadTurns';

/** What state.backend says for weights trained here. */
export const ONE_STEP_BACKEND = 'js';

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/**
 * Initial weights in tfjs getWeights() order, fixed by `seed`: Glorot-uniform kernels, zero
 * biases except the LSTM forget gates' (1, Keras' unit_forget_bias), zero recurrent kernels (they
 * never act on one time step).
 */
export function initialOneStepWeights(shape: NetworkShape, seed: number): NetworkWeights {
  const u = shape.units;
  const d = Math.max(1, Math.floor(u / 2));
  const weights = weightSizes(shape).map((n) => new Float32Array(n));
  const rng = seededRandom(seed * 7919 + 17);
  const glorot = (w: Float32Array, fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let k = 0; k < w.length; k++) {
      w[k] = (2 * rng.uniform() - 1) * limit;
    }
  };
  glorot(weights[0], shape.features, 4 * u);
  weights[2].fill(1, u, 2 * u);
  glorot(weights[3], u, 4 * u);
  weights[5].fill(1, u, 2 * u);
  glorot(weights[6], u, d);
  glorot(weights[8], d, shape.outputs);
  return weights;
}

/**
 * Offsets of the trained parameters in one flat vector: the i, g, o columns of each LSTM kernel and
 * bias, the dense layers. The first kernel is stored transposed, [3u, L]: its products with the
 * windows are then dot products over contiguous rows.
 */
interface Layout {
  L: number;
  u: number;
  d: number;
  S: number;
  k1: number;
  b1: number;
  k2: number;
  b2: number;
  kd: number;
  bd: number;
  ko: number;
  bo: number;
  size: number;
}

function layoutOf(shape: NetworkShape): Layout {
  const L = shape.features;
  const u = shape.units;
  const d = Math.max(1, Math.floor(u / 2));
  const S = shape.outputs;
  const k1 = 0;
  const b1 = k1 + L * 3 * u;
  const k2 = b1 + 3 * u;
  const b2 = k2 + u * 3 * u;
  const kd = b2 + 3 * u;
  const bd = kd + u * d;
  const ko = bd + d;
  const bo = ko + d * S;
  return { L, u, d, S, k1, b1, k2, b2, kd, bd, ko, bo, size: bo + S };
}

/** The tfjs gate blocks kept: input (0), cell candidate (2), output (3); the forget gate (1) is skipped. */
const KEPT_GATES = [0, 2, 3];

/** Copies the gate columns of a tfjs [rows, 4u] kernel (or a [4u] bias: rows 1) into theta at `at`, as [rows, 3u]. */
function packGates(theta: Float64Array, at: number, src: Float32Array, rows: number, u: number): void {
  for (let r = 0; r < rows; r++) {
    KEPT_GATES.forEach((gate, b) => {
      for (let k = 0; k < u; k++) {
        theta[at + r * 3 * u + b * u + k] = src[r * 4 * u + gate * u + k];
      }
    });
  }
}

function unpackGates(dst: Float32Array, theta: Float64Array, at: number, rows: number, u: number): void {
  for (let r = 0; r < rows; r++) {
    KEPT_GATES.forEach((gate, b) => {
      for (let k = 0; k < u; k++) {
        dst[r * 4 * u + gate * u + k] = theta[at + r * 3 * u + b * u + k];
      }
    });
  }
}

function pack(w: NetworkWeights, l: Layout): Float64Array {
  const theta = new Float64Array(l.size);
  const k1 = new Float64Array(l.L * 3 * l.u);
  packGates(k1, 0, w[0], l.L, l.u);
  transpose(k1, l.L, 3 * l.u, theta, l.k1);
  packGates(theta, l.b1, w[2], 1, l.u);
  packGates(theta, l.k2, w[3], l.u, l.u);
  packGates(theta, l.b2, w[5], 1, l.u);
  theta.set(w[6], l.kd);
  theta.set(w[7], l.bd);
  theta.set(w[8], l.ko);
  theta.set(w[9], l.bo);
  return theta;
}

/** New weights: `start` with the trained parameters replaced (forget gates and recurrent kernels as they were). */
function unpack(start: NetworkWeights, theta: Float64Array, l: Layout): NetworkWeights {
  const w = start.map((a) => new Float32Array(a));
  const k1 = new Float64Array(l.L * 3 * l.u);
  transpose(theta.subarray(l.k1, l.k1 + l.L * 3 * l.u), 3 * l.u, l.L, k1, 0);
  unpackGates(w[0], k1, 0, l.L, l.u);
  unpackGates(w[2], theta, l.b1, 1, l.u);
  unpackGates(w[3], theta, l.k2, l.u, l.u);
  unpackGates(w[5], theta, l.b2, 1, l.u);
  w[6].set(theta.subarray(l.kd, l.kd + l.u * l.d));
  w[7].set(theta.subarray(l.bd, l.bd + l.d));
  w[8].set(theta.subarray(l.ko, l.ko + l.d * l.S));
  w[9].set(theta.subarray(l.bo, l.bo + l.S));
  return w;
}

/** dst[at + c·rows + r] = src[r·cols + c]. */
function transpose(src: Float64Array, rows: number, cols: number, dst: Float64Array, at: number): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      dst[at + c * rows + r] = src[r * cols + c];
    }
  }
}

/** Σ a[ai + k]·b[bi + k] for k < n, four partial sums (the loop carries no single dependency chain). */
function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    s0 += a[ai + k] * b[bi + k];
    s1 += a[ai + k + 1] * b[bi + k + 1];
    s2 += a[ai + k + 2] * b[bi + k + 2];
    s3 += a[ai + k + 3] * b[bi + k + 3];
  }
  for (; k < n; k++) {
    s0 += a[ai + k] * b[bi + k];
  }
  return s0 + s1 + s2 + s3;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** Scratch buffers of one window's forward and backward pass. */
interface Scratch {
  /** Windows per batch (the row length of xt and dz1t). */
  batch: number;
  /** The batch's inputs, [batch, L], and transposed, [L, batch]. */
  xb: Float64Array;
  xt: Float64Array;
  /** The first layer's pre-activation gradients of the batch, [3u, batch]. */
  dz1t: Float64Array;
  z1: Float64Array;
  c1: Float64Array;
  h1: Float64Array;
  z2: Float64Array;
  c2: Float64Array;
  h2: Float64Array;
  a: Float64Array;
  p: Float64Array;
  dp: Float64Array;
  da: Float64Array;
  dh2: Float64Array;
  dz2: Float64Array;
  dh1: Float64Array;
  dz1: Float64Array;
  mask1: Float64Array;
  mask2: Float64Array;
}

function scratchFor(l: Layout, batch: number): Scratch {
  const f = (n: number) => new Float64Array(n);
  return {
    batch,
    xb: f(batch * l.L),
    xt: f(l.L * batch),
    dz1t: f(3 * l.u * batch),
    z1: f(3 * l.u),
    c1: f(l.u),
    h1: f(l.u),
    z2: f(3 * l.u),
    c2: f(l.u),
    h2: f(l.u),
    a: f(l.d),
    p: f(l.S),
    dp: f(l.S),
    da: f(l.d),
    dh2: f(l.u),
    dz2: f(3 * l.u),
    dh1: f(l.u),
    dz1: f(3 * l.u),
    mask1: f(l.u).fill(1),
    mask2: f(l.u).fill(1),
  };
}

/** The gates of one gated dense layer from its pre-activations z (activated in place): c = σ(z_i)·act(z_g), h = σ(z_o)·act(c) · mask. */
function gatedActivate(
  z: Float64Array,
  c: Float64Array,
  h: Float64Array,
  u: number,
  relu: boolean,
  mask: Float64Array
): void {
  for (let k = 0; k < u; k++) {
    const i = sigmoid(z[k]);
    const g = relu ? (z[u + k] > 0 ? z[u + k] : 0) : Math.tanh(z[u + k]);
    const o = sigmoid(z[2 * u + k]);
    z[k] = i;
    z[u + k] = g;
    z[2 * u + k] = o;
    const cv = i * g;
    c[k] = cv;
    h[k] = o * (relu ? (cv > 0 ? cv : 0) : Math.tanh(cv)) * mask[k];
  }
}

/**
 * Back through one gated dense layer: from dh (the gradient at its masked output) to dz, the
 * gradient at its pre-activations. `z` holds the activated gates gatedForward left.
 */
function gatedBackward(
  z: Float64Array,
  c: Float64Array,
  dh: Float64Array,
  u: number,
  relu: boolean,
  mask: Float64Array,
  dz: Float64Array
): void {
  for (let k = 0; k < u; k++) {
    const i = z[k];
    const g = z[u + k];
    const o = z[2 * u + k];
    const cv = c[k];
    const dhk = dh[k] * mask[k];
    let actC: number;
    let dActC: number;
    if (relu) {
      actC = cv > 0 ? cv : 0;
      dActC = cv > 0 ? 1 : 0;
    } else {
      actC = Math.tanh(cv);
      dActC = 1 - actC * actC;
    }
    const dc = dhk * o * dActC;
    dz[k] = dc * g * i * (1 - i);
    // relu'(z_g) is 1 exactly where g > 0; tanh' = 1 − g².
    dz[u + k] = dc * i * (relu ? (g > 0 ? 1 : 0) : 1 - g * g);
    dz[2 * u + k] = dhk * actC * o * (1 - o);
  }
}

/**
 * Forward and backward pass of the window in row `col` of the batch (its inputs at xb[col·L…],
 * its targets at y[yAt…]): adds its gradient, scaled by `gradScale`, to `grad`, except the first
 * kernel's, whose pre-activation gradient it leaves in column `col` of dz1t ([3u, batch]) for
 * batchKernelGradient. Returns its loss.
 */
function windowStep(
  theta: Float64Array,
  grad: Float64Array,
  l: Layout,
  s: Scratch,
  y: Float32Array,
  yAt: number,
  col: number,
  mae: boolean,
  gradScale: number
): number {
  const { L, u, d, S } = l;
  const w3 = 3 * u;
  const batch = s.batch;
  // The loss is the mean over the outputs, then over the batch.
  const dScale = gradScale / S;
  firstLayerInputs(theta, l, s.xb, col * L, s.z1);
  gatedActivate(s.z1, s.c1, s.h1, u, true, s.mask1);
  for (let m = 0; m < w3; m++) {
    let v = theta[l.b2 + m];
    for (let k = 0; k < u; k++) {
      v += s.h1[k] * theta[l.k2 + k * w3 + m];
    }
    s.z2[m] = v;
  }
  gatedActivate(s.z2, s.c2, s.h2, u, false, s.mask2);
  for (let j = 0; j < d; j++) {
    let v = theta[l.bd + j];
    for (let k = 0; k < u; k++) {
      v += s.h2[k] * theta[l.kd + k * d + j];
    }
    s.a[j] = v > 0 ? v : 0;
  }
  let loss = 0;
  for (let o = 0; o < S; o++) {
    let v = theta[l.bo + o];
    for (let j = 0; j < d; j++) {
      v += s.a[j] * theta[l.ko + j * S + o];
    }
    const e = v - y[yAt + o];
    if (mae) {
      loss += Math.abs(e);
      s.dp[o] = (e > 0 ? 1 : e < 0 ? -1 : 0) * dScale;
    } else {
      loss += e * e;
      s.dp[o] = 2 * e * dScale;
    }
  }
  // Output layer.
  for (let j = 0; j < d; j++) {
    let da = 0;
    for (let o = 0; o < S; o++) {
      grad[l.ko + j * S + o] += s.a[j] * s.dp[o];
      da += s.dp[o] * theta[l.ko + j * S + o];
    }
    s.da[j] = s.a[j] > 0 ? da : 0;
  }
  for (let o = 0; o < S; o++) {
    grad[l.bo + o] += s.dp[o];
  }
  // Hidden dense layer.
  for (let k = 0; k < u; k++) {
    const hk = s.h2[k];
    let dh = 0;
    for (let j = 0; j < d; j++) {
      grad[l.kd + k * d + j] += hk * s.da[j];
      dh += s.da[j] * theta[l.kd + k * d + j];
    }
    s.dh2[k] = dh;
  }
  for (let j = 0; j < d; j++) {
    grad[l.bd + j] += s.da[j];
  }
  // Second gated layer: its kernel's gradient and the gradient at h1.
  gatedBackward(s.z2, s.c2, s.dh2, u, false, s.mask2, s.dz2);
  for (let k = 0; k < u; k++) {
    const hk = s.h1[k];
    const row = l.k2 + k * w3;
    let dh = 0;
    for (let m = 0; m < w3; m++) {
      grad[row + m] += hk * s.dz2[m];
      dh += s.dz2[m] * theta[row + m];
    }
    s.dh1[k] = dh;
  }
  for (let m = 0; m < w3; m++) {
    grad[l.b2 + m] += s.dz2[m];
  }
  // First gated layer: its bias' gradient here, its kernel's for the whole batch (the input needs none).
  gatedBackward(s.z1, s.c1, s.dh1, u, true, s.mask1, s.dz1);
  for (let m = 0; m < w3; m++) {
    grad[l.b1 + m] += s.dz1[m];
    s.dz1t[m * batch + col] = s.dz1[m];
  }
  return loss / S;
}

/**
 * The first layer's pre-activations of one window (inputs at x[xAt…]): bias + the transposed
 * kernel's rows · x, four rows at a time so that each input is read once per four products.
 */
function firstLayerInputs(theta: Float64Array, l: Layout, x: Float64Array, xAt: number, z: Float64Array): void {
  denseRows(z, 3 * l.u, theta, l.b1, theta, l.k1, x, xAt, l.L);
}

/**
 * The first kernel's gradient over a batch of `count` windows, Σ over windows of dz1 ⊗ x: for each
 * gate column and input, a dot product over the batch, four inputs at a time.
 */
function batchKernelGradient(grad: Float64Array, l: Layout, s: Scratch, count: number): void {
  const w3 = 3 * l.u;
  const L = l.L;
  const B = s.batch;
  const dz = s.dz1t;
  const xt = s.xt;
  for (let m = 0; m < w3; m++) {
    const row = l.k1 + m * L;
    const dm = m * B;
    let j = 0;
    for (; j + 3 < L; j += 4) {
      const x0 = j * B;
      const x1 = x0 + B;
      const x2 = x1 + B;
      const x3 = x2 + B;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let w = 0; w < count; w++) {
        const d = dz[dm + w];
        s0 += d * xt[x0 + w];
        s1 += d * xt[x1 + w];
        s2 += d * xt[x2 + w];
        s3 += d * xt[x3 + w];
      }
      grad[row + j] = s0;
      grad[row + j + 1] = s1;
      grad[row + j + 2] = s2;
      grad[row + j + 3] = s3;
    }
    for (; j < L; j++) {
      grad[row + j] = dot(dz, dm, xt, j * B, count);
    }
  }
}

/** Inverted dropout masks (keep with probability 1 − rate, scaled by 1 / (1 − rate)), as tfjs' Dropout layer. */
function drawMask(mask: Float64Array, rate: number, rng: { uniform(): number }): void {
  for (let k = 0; k < mask.length; k++) {
    mask[k] = rng.uniform() >= rate ? 1 / (1 - rate) : 0;
  }
}

/**
 * Trains a one-time-step network (shape.timeSteps 1) from `start` (initialOneStepWeights, or saved
 * weights for a fine-tune) on `windows`, a fresh Adam per call, and returns the new weights. The
 * same contract as lstmNetwork.ts trainNetwork: windows in a seeded order each epoch, `signal`
 * checked between batches (TrainingCancelled), onEpoch with each epoch's mean loss. `dropout`
 * masks the two LSTM layers' outputs during training, drawn from a generator seeded by s.seed.
 */
export async function trainOneStepNetwork(
  shape: NetworkShape,
  start: NetworkWeights,
  windows: Windows,
  s: TrainSettings,
  dropout = 0
): Promise<{ weights: NetworkWeights; report: TrainReport }> {
  if (shape.timeSteps !== 1 || shape.features !== windows.lookBack || shape.outputs !== windows.outputs) {
    throw new Error(
      `one-step trainer: shape (${shape.timeSteps}, ${shape.features}) → ${shape.outputs} does not fit windows of ${windows.lookBack} → ${windows.outputs}`
    );
  }
  const l = layoutOf(shape);
  const theta = pack(start, l);
  const losses: number[] = [];
  if (windows.count === 0 || s.epochs <= 0) {
    return { weights: unpack(start, theta, l), report: { losses, windows: windows.count } };
  }
  const grad = new Float64Array(l.size);
  const m1 = new Float64Array(l.size);
  const m2 = new Float64Array(l.size);
  const mae = (s.loss ?? 'mse') === 'mae';
  const batch = Math.max(1, Math.min(windows.count, Math.floor(s.batchSize)));
  const scratch = scratchFor(l, batch);
  const x = Float64Array.from(windows.x);
  const L = l.L;
  const maskRng = seededRandom(s.seed * 31 + 5);
  let beta1Power = 1;
  let beta2Power = 1;
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    const order = seededPermutation(windows.count, s.seed * 1000 + epoch);
    let epochLoss = 0;
    for (let from = 0; from < windows.count; from += batch) {
      await yieldWhenDue();
      if (s.signal?.aborted) {
        throw new TrainingCancelled();
      }
      const count = Math.min(windows.count, from + batch) - from;
      const scale = 1 / count;
      for (let col = 0; col < count; col++) {
        const src = order[from + col] * L;
        for (let j = 0; j < L; j++) {
          const v = x[src + j];
          scratch.xb[col * L + j] = v;
          scratch.xt[j * batch + col] = v;
        }
      }
      grad.fill(0);
      for (let col = 0; col < count; col++) {
        if (dropout > 0) {
          drawMask(scratch.mask1, dropout, maskRng);
          drawMask(scratch.mask2, dropout, maskRng);
        }
        epochLoss += windowStep(theta, grad, l, scratch, windows.y, order[from + col] * l.S, col, mae, scale);
      }
      batchKernelGradient(grad, l, scratch, count);
      beta1Power *= BETA1;
      beta2Power *= BETA2;
      const lr = s.learningRate;
      for (let q = 0; q < l.size; q++) {
        const g = grad[q];
        m1[q] = BETA1 * m1[q] + (1 - BETA1) * g;
        m2[q] = BETA2 * m2[q] + (1 - BETA2) * g * g;
        theta[q] -= (lr * (m1[q] / (1 - beta1Power))) / (Math.sqrt(m2[q] / (1 - beta2Power)) + EPSILON);
      }
    }
    const loss = epochLoss / windows.count;
    losses.push(loss);
    s.onEpoch?.(epoch + 1, loss);
  }
  return { weights: unpack(start, theta, l), report: { losses, windows: windows.count } };
}
