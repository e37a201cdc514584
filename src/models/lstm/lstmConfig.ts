/**
 * Settings of the LSTM forecaster. Everything that changes the trained weights is part of the
 * configuration key (cache entries for another configuration are never reused).
 */

/** 'decomposed': the seed's three networks (trend, seasonal, residual), summed. 'raw': one network on the scaled series. */
export type LstmVariant = 'decomposed' | 'raw';

/** 'recursive': one-step network, fed back its own output. 'direct': the last layer outputs `directSteps` values at once. */
export type LstmStrategy = 'recursive' | 'direct';

/**
 * 'features': each window is one time step with look_back features, the seed's
 * `input_shape=(1, look_back)`; 'steps': look_back time steps of one feature, the textbook
 * shape. Measured in Node with tfjs 4.22 (docs/benchmarks.md, "LSTM"): 'features' trains 7–70×
 * faster, so it is the default.
 */
export type LstmInputShape = 'features' | 'steps';

export type LstmLoss = 'mse' | 'mae';

/**
 * The LSTM's configuration: what a face may set (look-back, epochs, fine-tune epochs: the panel's,
 * the data source's and the CLI's LSTM options) and the choices measured into its defaults. It keys
 * the weight cache.
 */
export interface LstmConfig {
  variant: LstmVariant;
  /** Window length in steps; 0 = the seasonal period (clamped to 8…168), 24 without one. */
  lookBack: number;
  /** Units of each LSTM layer (the dense layer has units/2). */
  units: number;
  /** Epochs of a cold training, per network. */
  epochs: number;
  /** Epochs of a fine-tune on new points. */
  fineTuneEpochs: number;
  /** Windows per gradient step; 0 = auto (lstmTraining.ts batchSizeFor: an eighth of the windows, 32…128). */
  batchSize: number;
  learningRate: number;
  /** Seed of the weight initialisers, dropout masks and window shuffling. */
  seed: number;
  /** Training windows at most (the newest are kept): bounds the cost on long series. */
  maxWindows: number;
  /**
   * Damping φ of the forecast trend: step k adds φ^k times the network's step difference (Gardner's
   * damped trend), so a slope read off the series' edge levels off instead of running away. 1 = none;
   * 0 = chosen on the held-out rows (lstmHoldOut.ts), UNSCORED_DAMPING when none are held out.
   */
  trendDamping: number;
  /**
   * Rows the cold training holds back (at most a fifth of the series): the networks learn the rest,
   * forecast these (the held-out backtest score, the damping), then are refit on everything
   * (lstmTraining.ts refitEpochs). 0 = none (no backtest score).
   */
  holdOut: number;
  /**
   * Cycles per phase whose median is the seasonal component (odd; lstmComponents.ts localSeasonal):
   * the cycle may change over the series. 0 = statsmodels' one figure for the whole series.
   */
  seasonalCycles: number;
  /**
   * The seasonal network models the change from one period earlier instead of the value
   * (lstmComponents.ts): zero change is the seasonal naive forecast of the component.
   */
  seasonalDifferencing: boolean;
  /**
   * Networks of the raw variant, each from its own seed; the forecast is their median
   * (lstmForecaster.ts combinedForecast). One network of three costs what the decomposed variant's
   * three cost; the median steadies a forecast that otherwise moves with the seed.
   */
  rawMembers: number;
  /** 'auto': learn on logarithms when the series swings in proportion to its level (lstmTransform.ts); 'none': never. */
  transform: 'auto' | 'none';
  /**
   * The forecast is the networks' forecast combined with a seasonal naive one (a day or a period
   * ago, lstmHoldOut.ts naiveLag), each weighted by the inverse of its mean absolute error on the
   * held-out rows (lstmHoldOut.ts naiveWeight): the two make different errors, so their
   * combination beats either (M4 Hourly, 48 series: MASE 0.957 → 0.879; docs/benchmarks.md,
   * "LSTM"), and a network that forecast its held-out rows worse than the last cycle leans on the
   * last cycle. false: the networks alone.
   */
  combineWithNaive: boolean;
}

/**
 * The alternatives the benchmarks measure the defaults against (docs/benchmarks.md, "LSTM"): the
 * seed's choices where measurements chose otherwise (mse loss, dropout, the `steps` input shape
 * trained by tfjs) and the direct head. No face sets them and they are not in LstmConfig; a state
 * trained with them records them (TrainingConfig).
 */
export interface LstmExperiment {
  strategy: LstmStrategy;
  /** Outputs of the direct head (strategy 'direct'). */
  directSteps: number;
  inputShape: LstmInputShape;
  /**
   * Training loss on the scaled values: 'mse' (the seed's: the networks learn the mean) or 'mae'
   * (the median: a burst or a level jump in the training data does not pull every forecast after
   * it, and an hour that is usually zero is forecast as zero). sMAPE and MASE score absolute
   * errors, which the median minimises (docs/benchmarks.md, "LSTM").
   */
  loss: LstmLoss;
  dropout: number;
}

/** What a training ran with: the configuration and the experiment's choices (the product's by default). */
export type TrainingConfig = LstmConfig & LstmExperiment;

/** Defaults chosen by the measurements in docs/benchmarks.md ("LSTM"). */
export const DEFAULT_LSTM_CONFIG: LstmConfig = {
  variant: 'decomposed',
  lookBack: 0,
  units: 16,
  epochs: 12,
  fineTuneEpochs: 3,
  batchSize: 0,
  learningRate: 0.01,
  seed: 42,
  // 504 rather than 672 (4 weeks hourly): on the 414 M4 Hourly series sMAPE 10.30 → 10.27, MASE
  // 0.873 → 0.859 at 0.85× the training time; NAB unchanged (docs/benchmarks.md, "LSTM").
  maxWindows: 504,
  trendDamping: 0,
  holdOut: 48,
  seasonalCycles: 7,
  seasonalDifferencing: true,
  transform: 'auto',
  rawMembers: 3,
  combineWithNaive: true,
};

/** The product's choices among the experiments: what every face trains with. */
export const DEFAULT_LSTM_EXPERIMENT: LstmExperiment = {
  strategy: 'recursive',
  directSteps: 48,
  inputShape: 'features',
  loss: 'mae',
  // The seed's Dropout(0.2) layers stay, at rate 0: on M4 Hourly 0.2 raised sMAPE from 15.0 to
  // 18.1 and MASE from 1.17 to 2.20 (12 series, 30 epochs); 0 also makes training reproducible.
  dropout: 0,
};

/** φ when it is to be chosen but no rows could be held out: the best single value on M4 Hourly. */
export const UNSCORED_DAMPING = 0.9;

/** Bumped whenever the network, the scaling or the snapshot format changes: old cache entries then miss. */
export const LSTM_ENGINE_VERSION = 'lstm-6';

/** Drift: when to throw the weights away and train from scratch. */
export interface DriftPolicy {
  /**
   * Limit on the mean of |actual − previous forecast| / σ_k over the points that arrived since,
   * σ_k being the model's own error sd k steps ahead (≈ 0.8 for a model as good as its band
   * says). Default 2.5: errors three times the band's promise.
   */
  relativeLimit: number;
  /** Optional limit in the series' own units (the seed's Kapacitor rule: |real − predicted| > 10). */
  absoluteLimit: number | null;
}

export const DEFAULT_DRIFT_POLICY: DriftPolicy = { relativeLimit: 2.5, absoluteLimit: null };

const int = (v: number | undefined, lo: number, hi: number, fallback: number) =>
  v !== undefined && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : fallback;
const num = (v: number | undefined, lo: number, hi: number, fallback: number) =>
  v !== undefined && Number.isFinite(v) && v >= lo && v <= hi ? v : fallback;

/**
 * The configuration's fields of `partial` with defaults filled in; non-finite or out-of-range
 * values fall back to them. Other fields (an experiment's) are left out.
 */
export function resolveLstmConfig(partial: Partial<LstmConfig> = {}): LstmConfig {
  const d = DEFAULT_LSTM_CONFIG;
  return {
    variant: partial.variant === 'raw' ? 'raw' : d.variant,
    lookBack: int(partial.lookBack, 0, 1000, d.lookBack),
    units: int(partial.units, 2, 256, d.units),
    epochs: int(partial.epochs, 1, 1000, d.epochs),
    fineTuneEpochs: int(partial.fineTuneEpochs, 0, 1000, d.fineTuneEpochs),
    batchSize: int(partial.batchSize, 0, 4096, d.batchSize),
    learningRate: num(partial.learningRate, 1e-6, 1, d.learningRate),
    seed: int(partial.seed, 0, 2 ** 31 - 1, d.seed),
    maxWindows: int(partial.maxWindows, 16, 1_000_000, d.maxWindows),
    trendDamping: num(partial.trendDamping, 0, 1, d.trendDamping),
    holdOut: int(partial.holdOut, 0, 100_000, d.holdOut),
    seasonalCycles: oddOrZero(int(partial.seasonalCycles, 0, 99, d.seasonalCycles)),
    seasonalDifferencing:
      typeof partial.seasonalDifferencing === 'boolean' ? partial.seasonalDifferencing : d.seasonalDifferencing,
    transform: partial.transform === 'none' ? 'none' : d.transform,
    rawMembers: int(partial.rawMembers, 1, 9, d.rawMembers),
    combineWithNaive: typeof partial.combineWithNaive === 'boolean' ? partial.combineWithNaive : d.combineWithNaive,
  };
}

/** The configuration and the experiment's choices of `partial`, defaults (the product's) filled in. */
export function resolveTrainingConfig(partial: Partial<TrainingConfig> = {}): TrainingConfig {
  const d = DEFAULT_LSTM_EXPERIMENT;
  return {
    ...resolveLstmConfig(partial),
    strategy: partial.strategy === 'direct' ? 'direct' : d.strategy,
    directSteps: int(partial.directSteps, 1, 1000, d.directSteps),
    inputShape: partial.inputShape === 'steps' ? 'steps' : d.inputShape,
    loss: partial.loss === 'mse' || partial.loss === 'mae' ? partial.loss : d.loss,
    dropout: num(partial.dropout, 0, 0.9, d.dropout),
  };
}

/** A centred window of cycles has an odd count: an even one is rounded up. */
function oddOrZero(cycles: number): number {
  return cycles === 0 || cycles % 2 === 1 ? cycles : cycles + 1;
}

/** A canonical string of a training's configuration (fixed key order, experiments included) for cache keys. */
export function configKey(config: TrainingConfig): string {
  const keys = Object.keys({ ...DEFAULT_LSTM_CONFIG, ...DEFAULT_LSTM_EXPERIMENT }).sort() as Array<
    keyof TrainingConfig
  >;
  return keys.map((k) => `${k}=${config[k]}`).join(',');
}
