/**
 * Cold training and fine-tuning of the LSTM forecaster: the one-time-step shape (the default) in
 * plain TypeScript (oneStepNetwork.ts), the many-step shape in tfjs (loaded lazily by tfRuntime.ts).
 * One network per component (trend, seasonal, residual; or one on the raw series), each trained
 * on its own scaled sequence. The result is an LstmState: plain data, no tensors.
 */
import { Problem, RegularSeries } from '../../engine/types';
import { fillGaps } from '../seasonal';
import { NetworkShape, NetworkWeights } from './forwardPass';
import { choosePeriod, ComponentSeries, splitComponents } from './lstmComponents';
import { LSTM_ENGINE_VERSION, LstmConfig, resolveTrainingConfig, TrainingConfig, UNSCORED_DAMPING } from './lstmConfig';
import { backtestHeldOut, DAMPING_CANDIDATES, holdOutRows, naiveLag } from './lstmHoldOut';
import { forecastBounds, toSeriesUnits } from './forecastBounds';
import { errorProfile, errorSd, oneStepFittedInTurns, viewComponents } from './lstmForecaster';
import { buildNetwork, readWeights, trainNetwork, TrainSettings, writeWeights } from './lstmNetwork';
import { initialOneStepWeights, ONE_STEP_BACKEND, trainOneStepNetwork } from './oneStepNetwork';
import { yieldToEventLoop } from './threadTurns';
import { ComponentName, ComponentState, LstmState, NETWORKS_ONLY } from './lstmState';
import { chooseTransform, LstmTransform, toModelScale } from './lstmTransform';
import { loadTf, TfLoadOptions } from './tfRuntime';
import { fitScaling, makeWindows, scaleValues, Windows } from './windows';

export interface LstmProgress {
  phase: 'train' | 'fine-tune';
  component: ComponentName;
  /** 0-based index of the network being trained, of `components`. */
  componentIndex: number;
  components: number;
  epoch: number;
  epochs: number;
  /** Training loss (LstmConfig.loss, scaled units) of the epoch just finished. */
  loss: number;
  /** Training windows of this network (a fine-tune: one per new point). */
  windows: number;
}

export interface LstmHooks {
  signal?: AbortSignal;
  onProgress?: (p: LstmProgress) => void;
  /** Wall clock (ms); tests fix it. */
  now?: () => number;
  tf?: TfLoadOptions;
}

export interface LstmFitOptions {
  /** Fit only rows ≥ this index; 0 = all rows. */
  fromRow?: number;
  /** Seasonal period in rows when known; otherwise the ACF's. */
  period?: number;
  /** The configuration; an experiment's choices too (the benchmarks'), the product's otherwise. */
  config?: Partial<TrainingConfig>;
}

/** Fewest training windows per network: below this the fit is noise. */
export const MIN_WINDOWS = 8;

interface Prepared {
  /** Rows ≥ fromRow on the model's scale (transform). */
  y: Float64Array;
  filled: Float64Array;
  comps: ComponentSeries[];
  period: number | null;
  variant: 'decomposed' | 'raw';
  transform: LstmTransform;
  lookBack: number;
  /** Time of row 0 of y. */
  start: number;
}

function prepare(
  series: RegularSeries,
  fromRow: number,
  config: LstmConfig,
  knownPeriod: number | undefined,
  transform: LstmTransform,
  variantOverride?: 'decomposed' | 'raw'
): Prepared | Problem {
  const y = toModelScale(series.values.subarray(fromRow), transform);
  const filled = fillGaps(y);
  let variant = variantOverride ?? config.variant;
  let period: number | null = knownPeriod ?? null;
  if (variant === 'decomposed' && knownPeriod === undefined) {
    period = choosePeriod(y, series.step);
  }
  if (variant === 'decomposed' && period === null) {
    // No cycle to decompose by: one network on the series, said in the diagnostics.
    variant = 'raw';
  }
  const lookBack = config.lookBack > 0 ? config.lookBack : period !== null ? Math.min(168, Math.max(8, period)) : 24;
  const comps = splitComponents(filled, variant, variant === 'decomposed' ? period : null, config);
  if (!Array.isArray(comps)) {
    return comps;
  }
  return {
    y,
    filled,
    comps,
    period: variant === 'decomposed' ? period : null,
    variant,
    transform,
    lookBack,
    start: series.start + fromRow * series.step,
  };
}

/**
 * Windows per gradient step: the configured size, or with 0 (auto) an eighth of the windows within
 * 32…128: long series train in fewer, larger steps (speed), short ones still get eight steps an epoch.
 */
export function batchSizeFor(config: LstmConfig, windows: number): number {
  return config.batchSize > 0 ? config.batchSize : Math.min(128, Math.max(32, Math.round(windows / 8)));
}

function networkShape(config: TrainingConfig, lookBack: number): NetworkShape {
  const outputs = config.strategy === 'direct' ? config.directSteps : 1;
  return config.inputShape === 'features'
    ? { timeSteps: 1, features: lookBack, units: config.units, outputs }
    : { timeSteps: lookBack, features: 1, units: config.units, outputs };
}

/**
 * Trains the forecaster from scratch on `series` (rows ≥ fromRow). Unless config.holdOut is 0 or
 * the series too short for it, the networks first learn it without its last rows, forecast those
 * (the held-out backtest score; the trend damping is chosen there, lstmHoldOut.ts), then are refit
 * on the whole series for refitEpochs. Resolves to the state, or a Problem when the data cannot
 * support it; rejects only with TrainingCancelled (signal aborted).
 */
export async function trainLstm(
  series: RegularSeries,
  options: LstmFitOptions = {},
  hooks: LstmHooks = {}
): Promise<LstmState | Problem> {
  const config = resolveTrainingConfig(options.config);
  const fromRow = Math.max(0, Math.floor(options.fromRow ?? 0));
  const rows = series.values.length - fromRow;
  const h = holdOutRows(rows, config.holdOut);
  const transform = config.transform === 'auto' ? chooseTransform(series.values.subarray(fromRow)) : 'none';
  if (h > 0) {
    const head: RegularSeries = { ...series, values: series.values.subarray(0, series.values.length - h) };
    // No band for the first pass: the refit measures it on the whole series.
    const first = await coldTrain(head, fromRow, config, options.period, transform, hooks);
    if (!('code' in first)) {
      // The backtest is a long stretch of its own: it starts on a fresh turn.
      await yieldToEventLoop();
      const { state, prepared } = first;
      const insample = head.values.subarray(fromRow);
      const { damping, blend, score } = backtestHeldOut(
        viewComponents(state.components, prepared.comps),
        insample,
        series.values.subarray(series.values.length - h),
        state.period,
        toSeriesUnits(transform, forecastBounds(insample, transform)),
        config.trendDamping > 0 ? [config.trendDamping] : DAMPING_CANDIDATES,
        config.combineWithNaive ? naiveLag(state.period, series.step, insample.length) : null,
        transform !== 'log'
      );
      await yieldToEventLoop();
      const tuned = await fineTuneLstm(
        { ...state, damping, blend, backtest: score },
        series,
        { fromRow, epochs: refitEpochs(config), allRows: true, measureBand: true },
        hooks
      );
      // The refit is part of this training, not a later fine-tune.
      return {
        ...tuned,
        trainedPoints: rows,
        fineTunedAt: null,
        fineTunedPoints: 0,
        fineTunes: 0,
        components: tuned.components.map((c) => ({ ...c, fineTuneLosses: [] })),
      };
    }
    // Too short to learn without the held-out rows: learn everything, no score.
  }
  const trained = await coldTrain(series, fromRow, config, options.period, transform, hooks);
  return 'code' in trained ? trained : await withErrorProfile(trained.state, trained.prepared);
}

/**
 * Epochs of the refit after a hold-out: every window, the held-out rows' included, at half the
 * learning rate. Fine-tuning on the held-out rows alone left the networks worse than a training on
 * the whole series (M4 Hourly, 24 series: MASE 1.32 against 1.02); a quarter of the epochs over all
 * windows recovered it (1.00) for a quarter more training time.
 */
export function refitEpochs(config: LstmConfig): number {
  return Math.max(1, Math.ceil(config.epochs / 4));
}

/**
 * One cold training on rows ≥ fromRow of `series`, without hold-out, and the prepared series it
 * learnt (its components). The state has no band yet (withErrorProfile measures it).
 */
async function coldTrain(
  series: RegularSeries,
  fromRow: number,
  config: TrainingConfig,
  knownPeriod: number | undefined,
  transform: LstmTransform,
  hooks: LstmHooks
): Promise<{ state: LstmState; prepared: Prepared } | Problem> {
  const p = prepare(series, fromRow, config, knownPeriod, transform);
  if ('code' in p) {
    return p;
  }
  // The decomposition and the windows are the longest stretches outside the epochs: a break after each.
  await yieldToEventLoop();
  const shape = networkShape(config, p.lookBack);
  const scaled = p.comps.map((c) => {
    const scaling = fitScaling(c.modelled);
    return { scaling, z: scaleValues(c.modelled, scaling) };
  });
  const windows = scaled.map((s, i) =>
    makeWindows(s.z, {
      lookBack: p.lookBack,
      outputs: shape.outputs,
      maxWindows: config.maxWindows,
      centre: p.comps[i].centred,
    })
  );
  await yieldToEventLoop();
  const fewest = Math.min(...windows.map((w) => w.count));
  if (fewest < MIN_WINDOWS) {
    return {
      code: 'too-few-points',
      message: `the LSTM model needs at least ${p.lookBack + shape.outputs + MIN_WINDOWS} points after gaps (look-back ${p.lookBack}), it has ${fewest} training windows`,
    };
  }
  const components: ComponentState[] = [];
  let backend = ONE_STEP_BACKEND;
  for (let i = 0; i < p.comps.length; i++) {
    const c = p.comps[i];
    const trained = await trainComponentNetwork(shape, null, windows[i], config.dropout, hooks.tf, {
      epochs: config.epochs,
      batchSize: batchSizeFor(config, windows[i].count),
      learningRate: config.learningRate,
      loss: config.loss,
      seed: config.seed + i,
      signal: hooks.signal,
      onEpoch: (epoch, loss) =>
        hooks.onProgress?.({
          phase: 'train',
          component: c.name,
          componentIndex: i,
          components: p.comps.length,
          epoch,
          epochs: config.epochs,
          loss,
          windows: windows[i].count,
        }),
    });
    backend = trained.backend;
    components.push({
      name: c.name,
      differenced: c.differenced,
      centred: c.centred,
      seasonalLag: c.seasonalLag,
      scaling: scaled[i].scaling,
      shape,
      weights: trained.weights,
      losses: trained.losses,
      fineTuneLosses: [],
    });
  }
  const now = hooks.now ? hooks.now() : Date.now();
  const state: LstmState = {
    engineVersion: LSTM_ENGINE_VERSION,
    config,
    variant: p.variant,
    period: p.period,
    transform: p.transform,
    lookBack: p.lookBack,
    step: series.step,
    trainedAt: now,
    trainedPoints: p.y.length,
    trainedUntil: p.start + (p.y.length - 1) * series.step,
    fineTunedAt: null,
    fineTunedPoints: 0,
    fineTunes: 0,
    oneStepSd: NaN,
    bandSd: [],
    components,
    lastForecast: null,
    drift: null,
    backend,
    damping: config.trendDamping > 0 ? config.trendDamping : UNSCORED_DAMPING,
    blend: NETWORKS_ONLY,
    backtest: null,
  };
  return { state, prepared: p };
}

/**
 * Trains one component's network from `start` (null: new weights from settings.seed) and returns
 * its weights. The seed's one-time-step shape trains in plain TypeScript (oneStepNetwork.ts, no
 * tfjs to load); the many-step shape in tfjs.
 */
async function trainComponentNetwork(
  shape: NetworkShape,
  start: NetworkWeights | null,
  windows: Windows,
  dropout: number,
  tfOptions: TfLoadOptions | undefined,
  settings: TrainSettings
): Promise<{ weights: NetworkWeights; losses: number[]; backend: string }> {
  if (shape.timeSteps === 1) {
    const { weights, report } = await trainOneStepNetwork(
      shape,
      start ?? initialOneStepWeights(shape, settings.seed),
      windows,
      settings,
      dropout
    );
    return { weights, losses: report.losses, backend: ONE_STEP_BACKEND };
  }
  const rt = await loadTf(tfOptions);
  const model = buildNetwork(rt, shape, dropout, settings.seed);
  try {
    if (start) {
      writeWeights(rt, model, shape, start);
    }
    const report = await trainNetwork(rt, model, shape, windows, settings);
    return { weights: readWeights(model), losses: report.losses, backend: rt.backend };
  } finally {
    model.dispose();
  }
}

/** Recomputes σ₁ and the band's error profile of `state` on the prepared series. */
async function withErrorProfile(state: LstmState, p: Prepared): Promise<LstmState> {
  const views = viewComponents(state.components, p.comps);
  const fitted = await oneStepFittedInTurns(views, p.y.length, state.blend);
  const oneStepSd = errorSd(p.y, fitted, 0);
  await yieldToEventLoop();
  const viewsAt = (origin: number) => {
    const comps = splitComponents(p.filled.slice(0, origin + 1), state.variant, state.period, state.config);
    return Array.isArray(comps) ? viewComponents(state.components, comps) : null;
  };
  return {
    ...state,
    oneStepSd,
    bandSd: await errorProfile(viewsAt, p.y, state.period, oneStepSd, state.damping, state.blend),
  };
}

/** Whether `state` can forecast `series`: same engine, same grid step, and the state's period fits the data. */
export function stateFitsSeries(state: LstmState, series: RegularSeries): { ok: true } | { ok: false; reason: string } {
  if (state.engineVersion !== LSTM_ENGINE_VERSION) {
    return { ok: false, reason: `trained by engine ${state.engineVersion}, this is ${LSTM_ENGINE_VERSION}` };
  }
  if (!(Math.abs(state.step - series.step) <= 1e-9 * Math.abs(series.step))) {
    return { ok: false, reason: `trained on a ${state.step} ms step, the data has ${series.step} ms` };
  }
  const lastTime = series.start + (series.values.length - 1) * series.step;
  if (lastTime < state.trainedUntil) {
    return { ok: false, reason: 'the data ends before the model was trained: the series was replaced' };
  }
  return { ok: true };
}

/** Rows of `series` (relative to fromRow) newer than the state's last training target. */
export function newRowsSince(
  state: LstmState,
  series: RegularSeries,
  fromRow: number
): { firstNewRow: number; count: number } {
  const n = series.values.length - fromRow;
  const start = series.start + fromRow * series.step;
  const firstNewRow = Math.max(0, Math.floor((state.trainedUntil - start) / series.step + 1e-9) + 1);
  return { firstNewRow: Math.min(firstNewRow, n), count: Math.max(0, n - firstNewRow) };
}

/**
 * Fine-tunes every network of `state` for config.fineTuneEpochs epochs (Adam at half the
 * learning rate) on the windows whose target is a row newer than state.trainedUntil: older points
 * appear only as inputs. Scaling, period and look-back stay those of the cold training. Resolves
 * to the same state when there is nothing new; rejects only with TrainingCancelled.
 */
export async function fineTuneLstm(
  state: LstmState,
  series: RegularSeries,
  options: {
    fromRow?: number;
    /** Epochs instead of config.fineTuneEpochs. */
    epochs?: number;
    /** Train on every window (the refit after a hold-out), not only those with a new target row. */
    allRows?: boolean;
    /** Re-measure the band's error profile afterwards (the refit does; a fine-tune keeps the old one). */
    measureBand?: boolean;
  } = {},
  hooks: LstmHooks = {}
): Promise<LstmState> {
  const fromRow = Math.max(0, Math.floor(options.fromRow ?? 0));
  const fresh = newRowsSince(state, series, fromRow);
  const config = state.config;
  const epochs = options.epochs ?? config.fineTuneEpochs;
  if (fresh.count === 0 || epochs === 0) {
    return state;
  }
  const p = prepare(
    series,
    fromRow,
    { ...config, lookBack: state.lookBack },
    state.period ?? undefined,
    state.transform,
    state.variant
  );
  if ('code' in p || p.comps.length !== state.components.length) {
    return state;
  }
  const windows = state.components.map((c, i) =>
    makeWindows(scaleValues(p.comps[i].modelled, c.scaling), {
      lookBack: state.lookBack,
      outputs: c.shape.outputs,
      minTargetRow: options.allRows ? 0 : fresh.firstNewRow,
      maxWindows: config.maxWindows,
      centre: c.centred,
    })
  );
  if (windows.every((w) => w.count === 0)) {
    return state;
  }
  const components: ComponentState[] = [];
  for (let i = 0; i < state.components.length; i++) {
    const c = state.components[i];
    const trained = await trainComponentNetwork(c.shape, c.weights, windows[i], config.dropout, hooks.tf, {
      epochs,
      batchSize: batchSizeFor(config, windows[i].count),
      learningRate: config.learningRate / 2,
      loss: config.loss,
      seed: config.seed + 100 + state.fineTunes,
      signal: hooks.signal,
      onEpoch: (epoch, loss) =>
        hooks.onProgress?.({
          phase: 'fine-tune',
          component: c.name,
          componentIndex: i,
          components: state.components.length,
          epoch,
          epochs,
          loss,
          windows: windows[i].count,
        }),
    });
    components.push({ ...c, weights: trained.weights, fineTuneLosses: trained.losses });
  }
  const now = hooks.now ? hooks.now() : Date.now();
  const tuned: LstmState = {
    ...state,
    components,
    trainedUntil: p.start + (p.y.length - 1) * series.step,
    fineTunedAt: now,
    fineTunedPoints: fresh.count,
    fineTunes: state.fineTunes + 1,
  };
  // A fine-tune moves the weights a little: the band measured at the cold training stands (its
  // re-measurement would cost more than the fine-tune itself); drift sends a model whose errors
  // outgrow it back to a cold training.
  return options.measureBand ? await withErrorProfile(tuned, p) : tuned;
}
