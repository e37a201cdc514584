import { ThresholdDirection } from '../engine/crossings';
import { DEFAULT_DRIFT_POLICY, DEFAULT_LSTM_CONFIG } from '../models/lstm/lstmConfig';
import { ModelChoice } from '../models/types';
import { LstmUserOptions } from '../runtime/lstmUserOptions';

/**
 * Options of the Trendcast forecast panel (saved in the dashboard JSON). The `lstm*` options
 * (LstmUserOptions) are read only with model 'lstm'; missing or invalid ones mean the defaults.
 */
export interface TrendcastOptions extends LstmUserOptions {
  model: ModelChoice;
  /** Forecast horizon as a duration (`14d`, `48h`) or a number of steps (`48`). */
  horizon: string;
  /** Fit window: only the last part of the data is fitted (`7d`); empty = all of it. */
  fitWindow: string;
  /** Prediction-interval level, 0.5..0.99. */
  confidence: number;
  /** Thresholds as upper limits (rising), lower limits (falling), or decided per series. */
  direction: ThresholdDirection;
  showForecast: boolean;
  showBand: boolean;
  showCrossings: boolean;
}

export const DEFAULT_OPTIONS: TrendcastOptions = {
  model: 'auto',
  horizon: '14d',
  fitWindow: '',
  confidence: 0.95,
  direction: 'auto',
  showForecast: true,
  showBand: true,
  showCrossings: true,
  lstmLookBack: DEFAULT_LSTM_CONFIG.lookBack,
  lstmEpochs: DEFAULT_LSTM_CONFIG.epochs,
  lstmFineTuneEpochs: DEFAULT_LSTM_CONFIG.fineTuneEpochs,
  lstmDriftLimit: DEFAULT_DRIFT_POLICY.relativeLimit,
  // lstmDriftAbsoluteLimit: absent = off (DEFAULT_DRIFT_POLICY.absoluteLimit is null).
};
