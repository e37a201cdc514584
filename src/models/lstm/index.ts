/**
 * The LSTM model: the one file the rest of the code imports from models/lstm. Its configuration
 * and state are plain data (the panel's editors and status bar read them); training, fine-tuning
 * and the weight-cache snapshots are reached only through the LSTM's runner (runtime/). The
 * default one-time-step networks train without tfjs (oneStepNetwork.ts); the many-step shape loads
 * tfjs on first use (tfRuntime.ts, the only place that imports it).
 */
export {
  configKey,
  DEFAULT_DRIFT_POLICY,
  DEFAULT_LSTM_CONFIG,
  LSTM_ENGINE_VERSION,
  resolveLstmConfig,
  resolveTrainingConfig,
  type DriftPolicy,
  type LstmConfig,
  type LstmExperiment,
  type TrainingConfig,
} from './lstmConfig';
export { MIN_DECOMPOSITION_PERIOD } from './lstmComponents';
export { driftExceeds, measureDrift, type DriftMeasure } from './lstmDrift';
export { bandSdAt } from './lstmForecaster';
export { fitLstm, lstmFittedModel } from './lstmModel';
export { buildNetwork, TrainingCancelled, trainNetwork } from './lstmNetwork';
export { decodeSnapshot, encodeSnapshot } from './lstmSnapshot';
export { NETWORKS_ONLY, type HeldOutScore, type LstmState, type NaiveBlend } from './lstmState';
export {
  fineTuneLstm,
  newRowsSince,
  stateFitsSeries,
  trainLstm,
  type LstmHooks,
  type LstmProgress,
} from './lstmTraining';
export { loadTf, type TfBackendName, type TfLoadOptions } from './tfRuntime';
export { makeWindows } from './windows';
