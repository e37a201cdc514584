/**
 * The one place that loads TensorFlow.js, lazily: `import()` makes webpack put tfjs in its own
 * chunk, so a dashboard that never asks for an LSTM never downloads it.
 *
 * Backend: wasm (SIMD, threads when the page is cross-origin isolated) with the cpu backend as
 * the fallback. Two repairs of tfjs 4.22 when core and layers are used without the union
 * `@tensorflow/tfjs` package:
 * - the chained tensor methods (`t.flatten()`, `t.stridedSlice()`…) that tfjs-layers calls are
 *   registered only by the union package, so they are added here from the ops of the same name;
 * - the Unpack gradient passes a single tensor, not an array, to `stack` when an LSTM runs over
 *   one time step (tensorflow/tfjs#8255), which breaks training of the seed's (1 × look_back)
 *   shape; it is re-registered with the array case handled.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';

export type Tf = typeof TfCore;
export type Tfl = typeof TfLayers;

export type TfBackendName = 'wasm' | 'cpu';

export interface TfRuntime {
  tf: Tf;
  tfl: Tfl;
  /** The backend in use after the fallback chain. */
  backend: string;
}

export interface TfLoadOptions {
  /** Preferred backend (default wasm); cpu is used when it cannot start. */
  backend?: TfBackendName;
  /**
   * Folder (URL or file path, ending in '/') that holds tfjs-backend-wasm's .wasm files. In the
   * browser: the plugin's own folder; in Node: the package's dist/ (found automatically).
   */
  wasmPath?: string;
}

let loading: Promise<TfRuntime> | null = null;
let loadedWith: TfBackendName | null = null;

/**
 * Loads tfjs once per process/worker (later calls get the same runtime; the first call's options
 * win unless a different backend is asked for). Never rejects for a wasm failure: it falls back
 * to cpu and says so in `backend`.
 */
export function loadTf(options: TfLoadOptions = {}): Promise<TfRuntime> {
  const want = options.backend ?? 'wasm';
  if (loading && loadedWith === want) {
    return loading;
  }
  const previous = loading;
  loadedWith = want;
  loading = (async () => {
    if (previous) {
      await previous.catch(() => undefined);
    }
    const tf: Tf = await import(/* webpackChunkName: "tfjs" */ '@tensorflow/tfjs-core');
    const tfl: Tfl = await import(/* webpackChunkName: "tfjs" */ '@tensorflow/tfjs-layers');
    await import(/* webpackChunkName: "tfjs" */ '@tensorflow/tfjs-backend-cpu');
    registerChainedOps(tf);
    repairUnpackGradient(tf);
    // Production mode: no debug checks, and no advice to install tfjs-node (its install fails here).
    tf.enableProdMode();
    let backend = 'cpu';
    if (want === 'wasm') {
      try {
        const wasm = await import(/* webpackChunkName: "tfjs" */ '@tensorflow/tfjs-backend-wasm');
        const path = options.wasmPath ?? (await defaultWasmPath());
        if (path) {
          wasm.setWasmPaths(path);
        }
        if (await tf.setBackend('wasm')) {
          backend = 'wasm';
        }
      } catch {
        backend = 'cpu';
      }
    }
    if (backend === 'cpu') {
      await tf.setBackend('cpu');
    }
    await tf.ready();
    return { tf, tfl, backend: tf.getBackend() };
  })();
  return loading;
}

function isNode(): boolean {
  return typeof process !== 'undefined' && process.versions != null && process.versions.node != null;
}

/** In Node the wasm files sit in the installed package; in a browser the caller must say where. */
async function defaultWasmPath(): Promise<string | undefined> {
  if (!isNode()) {
    return undefined;
  }
  const { createRequire } = await import(/* webpackIgnore: true */ 'node:module');
  const { dirname, join } = await import(/* webpackIgnore: true */ 'node:path');
  // From this file (the CLI bundle in dist-cli/, or the source under jest), else from the working directory.
  const bases = [typeof __filename === 'string' ? __filename : '', join(process.cwd(), 'package.json')].filter(Boolean);
  for (const base of bases) {
    try {
      const req = createRequire(base);
      return join(dirname(req.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
    } catch {
      // Try the next base.
    }
  }
  return undefined;
}

type Method = (this: TfCore.Tensor, ...args: unknown[]) => unknown;

/** The names under tfjs-core/dist/public/chained_ops whose method is `op(this, ...args)`. */
const SAME_NAME_OPS = (
  'abs acos acosh add all any argMax argMin asin asinh atan atan2 atanh avgPool batchToSpaceND broadcastTo cast ceil ' +
  'clipByValue conv1d conv2d conv2dTranspose cos cosh cumprod cumsum depthToSpace depthwiseConv2d dilation2d div divNoNan ' +
  'dot elu equal erf euclideanNorm exp expandDims expm1 floor floorDiv gather greater greaterEqual isFinite isInf isNaN ' +
  'leakyRelu less lessEqual localResponseNormalization log log1p logSigmoid logSoftmax logSumExp logicalAnd logicalNot ' +
  'logicalOr logicalXor matMul max maxPool maximum mean min minimum mirrorPad mod mul neg norm notEqual oneHot onesLike ' +
  'pad pool pow prelu prod reciprocal relu relu6 reshape reverse round rsqrt selu separableConv2d sigmoid sign sin sinh ' +
  'slice softmax softplus spaceToBatchND split sqrt square squaredDifference squeeze step stridedSlice sub sum tan tanh ' +
  'tile topk transpose unique unsortedSegmentSum unstack zerosLike'
).split(' ');

/** Adds the chained methods tfjs-layers relies on, where they are missing (idempotent). */
function registerChainedOps(tf: Tf): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, Method | undefined>;
  const ops = tf as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>;
  const define = (name: string, fn: Method) => {
    if (typeof proto[name] !== 'function') {
      proto[name] = fn;
    }
  };
  for (const name of SAME_NAME_OPS) {
    const op = ops[name];
    if (typeof op === 'function') {
      define(name, function (this: TfCore.Tensor, ...args: unknown[]) {
        return op(this, ...args);
      });
    }
  }
  define('flatten', function () {
    return tf.reshape(this, [this.size]);
  });
  define('asScalar', function () {
    return tf.reshape(this, []);
  });
  define('as1D', function () {
    return tf.reshape(this, [this.size]);
  });
  for (const rank of [2, 3, 4, 5]) {
    define(`as${rank}D`, function (this: TfCore.Tensor, ...dims: unknown[]) {
      return tf.reshape(this, dims as number[]);
    });
  }
  define('reshapeAs', function (this: TfCore.Tensor, ...args: unknown[]) {
    return tf.reshape(this, (args[0] as TfCore.Tensor).shape);
  });
  define('asType', function (this: TfCore.Tensor, ...args: unknown[]) {
    return tf.cast(this, args[0] as TfCore.DataType);
  });
  define('toFloat', function () {
    return tf.cast(this, 'float32');
  });
  define('toInt', function () {
    return tf.cast(this, 'int32');
  });
  define('toBool', function () {
    return tf.cast(this, 'bool');
  });
  define('concat', function (this: TfCore.Tensor, ...args: unknown[]) {
    const x = args[0] as TfCore.Tensor | TfCore.Tensor[];
    return tf.concat([this, ...(Array.isArray(x) ? x : [x])], args[1] as number | undefined);
  });
  define('stack', function (this: TfCore.Tensor, ...args: unknown[]) {
    const x = args[0] as TfCore.Tensor | TfCore.Tensor[];
    return tf.stack([this, ...(Array.isArray(x) ? x : [x])], args[1] as number | undefined);
  });
  define('where', function (this: TfCore.Tensor, ...args: unknown[]) {
    return tf.where(args[0] as TfCore.Tensor, this, args[1] as TfCore.Tensor);
  });
}

/** tensorflow/tfjs#8255: Unpack's gradient with one output gets a tensor, not a list. */
function repairUnpackGradient(tf: Tf): void {
  tf.registerGradient({
    kernelName: 'Unpack',
    gradFunc: (dy: TfCore.Tensor | TfCore.Tensor[], _saved: TfCore.Tensor[], attrs: TfCore.NamedAttrMap) => {
      const axis = (attrs as { axis?: number }).axis ?? 0;
      return { value: () => tf.stack(Array.isArray(dy) ? dy : [dy], axis) };
    },
  });
}
