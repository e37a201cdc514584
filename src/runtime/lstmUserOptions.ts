/**
 * The LSTM settings a user can change (panel options, data source query, CLI flags) and how they
 * become the job's configuration and drift policy. Saved dashboards and queries are plain JSON:
 * a missing, non-numeric or out-of-range value falls back to the default, never to an error.
 */
import { DEFAULT_DRIFT_POLICY, DriftPolicy, LstmConfig } from '../models/lstm';

/** The user-facing LSTM options, named as they are saved in the panel options and queries. */
export interface LstmUserOptions {
  /** Window length in steps; 0 = auto (the seasonal period). */
  lstmLookBack?: number;
  /** Epochs of a cold training, per network. */
  lstmEpochs?: number;
  /** Epochs of a fine-tune on new points. */
  lstmFineTuneEpochs?: number;
  /** Relative drift limit: mean |actual − previous forecast| / the model's own error sd at that step. */
  lstmDriftLimit?: number;
  /** Drift limit in the series' own units; absent or null = off. */
  lstmDriftAbsoluteLimit?: number | null;
}

/** What each option does: the panel editor's descriptions and the query editor's tooltips (one text for both). */
export const LSTM_OPTION_HELP: Record<keyof LstmUserOptions, string> = {
  lstmLookBack: 'Steps of history each prediction sees; 0 or empty = auto (the seasonal period, 24 without one)',
  lstmEpochs: 'Epochs of a training from scratch, per network',
  lstmFineTuneEpochs: 'Epochs of the fine-tune on newly arrived points; 0 keeps the cached weights as they are',
  lstmDriftLimit:
    "Retrain from scratch when the mean |actual − previous forecast| / the model's own error sd at that step " +
    'exceeds this (about 0.8 for a model as good as its band says)',
  lstmDriftAbsoluteLimit:
    "Also retrain when the mean |actual − previous forecast| exceeds this, in the series' units (e.g. 10); empty = off",
};

/** A finite number at least `min`, or undefined (JSON can hold anything: strings, null, NaN as null). */
function atLeast(v: unknown, min: number): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= min ? v : undefined;
}

/**
 * The part of LstmConfig the user options set. Only valid values are present (look-back ≥ 0,
 * epochs ≥ 1, fine-tune epochs ≥ 0); the rest is left to resolveLstmConfig's defaults, which also
 * rounds and caps them. With every option at its default the resolved configuration, and so the
 * weight cache key, equals the one of a job without options.
 */
export function lstmConfigFromOptions(options: LstmUserOptions): Partial<LstmConfig> {
  const config: Partial<LstmConfig> = {};
  const lookBack = atLeast(options.lstmLookBack, 0);
  const epochs = atLeast(options.lstmEpochs, 1);
  const fineTuneEpochs = atLeast(options.lstmFineTuneEpochs, 0);
  if (lookBack !== undefined) {
    config.lookBack = lookBack;
  }
  if (epochs !== undefined) {
    config.epochs = epochs;
  }
  if (fineTuneEpochs !== undefined) {
    config.fineTuneEpochs = fineTuneEpochs;
  }
  return config;
}

/**
 * The complete drift policy of the user options: a relative limit > 0 (else the default 2.5 of
 * DEFAULT_DRIFT_POLICY), an absolute limit > 0 or null (off; 0, negative or missing = off).
 * Complete on purpose: refreshLstm spreads it over the defaults, where an undefined key would win.
 */
export function driftPolicyFromOptions(options: LstmUserOptions): DriftPolicy {
  const relative = atLeast(options.lstmDriftLimit, 0);
  const absolute = atLeast(options.lstmDriftAbsoluteLimit, 0);
  return {
    relativeLimit: relative !== undefined && relative > 0 ? relative : DEFAULT_DRIFT_POLICY.relativeLimit,
    absoluteLimit: absolute !== undefined && absolute > 0 ? absolute : DEFAULT_DRIFT_POLICY.absoluteLimit,
  };
}
