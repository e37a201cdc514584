/**
 * The seed's network in tfjs-layers (build, train, read and write its weights):
 *   LSTM(u, relu, return_sequences) → Dropout(d) → LSTM(u) → Dropout(d) → Dense(u/2, relu) → Dense(S)
 * loss mse (the seed's) or mae (LstmConfig.loss), Adam. Initialisers are seeded; the window
 * order of each epoch is a seeded permutation (tfjs' own shuffle uses Math.random). Dropout masks
 * are drawn by tfjs from Math.random: with dropout 0 training is bit-reproducible on one backend.
 * Every tensor made here is disposed here; callers own only the model they asked for.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';

import { NetworkShape, NetworkWeights, weightShapes } from './forwardPass';
import { LstmLoss } from './lstmConfig';
import { TfRuntime } from './tfRuntime';
import { permuteWindows, seededPermutation, Windows } from './windows';

export interface TrainSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Default 'mse', the seed's. */
  loss?: LstmLoss;
  seed: number;
  signal?: AbortSignal;
  /** Called after each epoch with its mean training loss (the loss on the scaled values). */
  onEpoch?: (epoch: number, loss: number) => void;
}

export interface TrainReport {
  /** Loss per epoch (training loss, scaled units). */
  losses: number[];
  /** Windows seen per epoch. */
  windows: number;
}

/** tfjs-layers' names of the losses. */
const TF_LOSS: Record<LstmLoss, string> = { mse: 'meanSquaredError', mae: 'meanAbsoluteError' };

/** Thrown (and only thrown) when an AbortSignal stops training; callers turn it into a cancelled result. */
export class TrainingCancelled extends Error {
  constructor() {
    super('training cancelled');
    this.name = 'TrainingCancelled';
  }
}

/** A compiled network of `shape`; its initial weights are fixed by `seed`. */
export function buildNetwork(rt: TfRuntime, shape: NetworkShape, dropout: number, seed: number): TfLayers.Sequential {
  const { tfl } = rt;
  const u = shape.units;
  const init = (k: number) => tfl.initializers.glorotUniform({ seed: seed * 16 + k });
  const model = tfl.sequential();
  model.add(
    tfl.layers.lstm({
      units: u,
      activation: 'relu',
      recurrentActivation: 'sigmoid',
      returnSequences: true,
      inputShape: [shape.timeSteps, shape.features],
      kernelInitializer: init(1),
      recurrentInitializer: tfl.initializers.orthogonal({ seed: seed * 16 + 2 }),
    })
  );
  model.add(tfl.layers.dropout({ rate: dropout }));
  model.add(
    tfl.layers.lstm({
      units: u,
      recurrentActivation: 'sigmoid',
      kernelInitializer: init(3),
      recurrentInitializer: tfl.initializers.orthogonal({ seed: seed * 16 + 4 }),
    })
  );
  model.add(tfl.layers.dropout({ rate: dropout }));
  model.add(
    tfl.layers.dense({ units: Math.max(1, Math.floor(u / 2)), activation: 'relu', kernelInitializer: init(5) })
  );
  model.add(tfl.layers.dense({ units: shape.outputs, kernelInitializer: init(6) }));
  return model;
}

/**
 * Trains `model` on `windows` (inputs reshaped to the network's time steps × features), a fresh
 * Adam per call. Checks `signal` between batches; throws TrainingCancelled when aborted (the model
 * keeps the weights of the last finished batch). Leaves no tensors behind except the model's own.
 */
export async function trainNetwork(
  rt: TfRuntime,
  model: TfLayers.Sequential,
  shape: NetworkShape,
  windows: Windows,
  s: TrainSettings
): Promise<TrainReport> {
  const { tf } = rt;
  const losses: number[] = [];
  if (windows.count === 0 || s.epochs <= 0) {
    return { losses, windows: windows.count };
  }
  const optimizer = tf.train.adam(s.learningRate);
  model.compile({ loss: TF_LOSS[s.loss ?? 'mse'], optimizer });
  let cancelled = false;
  const stopper = {
    onBatchEnd: async () => {
      if (s.signal?.aborted) {
        cancelled = true;
        model.stopTraining = true;
      }
    },
  };
  try {
    for (let epoch = 0; epoch < s.epochs && !cancelled; epoch++) {
      if (s.signal?.aborted) {
        cancelled = true;
        break;
      }
      const w = permuteWindows(windows, seededPermutation(windows.count, s.seed * 1000 + epoch));
      const x = tf.tensor3d(w.x, [w.count, shape.timeSteps, shape.features]);
      const y = tf.tensor2d(w.y, [w.count, shape.outputs]);
      try {
        const history = await model.fit(x, y, {
          epochs: 1,
          batchSize: s.batchSize,
          shuffle: false,
          verbose: 0,
          callbacks: [stopper],
        });
        const loss = Number(history.history.loss?.[0]);
        if (!cancelled) {
          losses.push(loss);
          s.onEpoch?.(epoch + 1, loss);
        }
      } finally {
        x.dispose();
        y.dispose();
      }
    }
  } finally {
    optimizer.dispose();
  }
  if (cancelled) {
    throw new TrainingCancelled();
  }
  return { losses, windows: windows.count };
}

/** Copies of the model's weights, in getWeights() order. */
export function readWeights(model: TfLayers.Sequential): NetworkWeights {
  return model.getWeights().map((t: TfCore.Tensor) => new Float32Array(t.dataSync()));
}

/** Writes saved weights into a freshly built model of the same shape. */
export function writeWeights(
  rt: TfRuntime,
  model: TfLayers.Sequential,
  shape: NetworkShape,
  weights: NetworkWeights
): void {
  const shapes = weightShapes(shape);
  const tensors = weights.map((w, i) => rt.tf.tensor(w, shapes[i]));
  try {
    model.setWeights(tensors);
  } finally {
    tensors.forEach((t) => t.dispose());
  }
}

/** tfjs' own prediction for a batch of windows (tests compare forwardPass with it). */
export function predictWithTf(
  rt: TfRuntime,
  model: TfLayers.Sequential,
  shape: NetworkShape,
  x: Float32Array,
  count: number
): Float32Array {
  const { tf } = rt;
  return tf.tidy(() => {
    const input = tf.tensor3d(x, [count, shape.timeSteps, shape.features]);
    const out = model.predict(input) as TfCore.Tensor;
    return new Float32Array(out.dataSync());
  });
}
