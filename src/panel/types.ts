import { DEFAULT_FORECAST_OPTIONS, ForecastOptions } from '../models/forecastOptions';
import { DEFAULT_DRIFT_POLICY, DEFAULT_LSTM_CONFIG } from '../models/lstm';
import { LstmUserOptions } from '../runtime/lstmUserOptions';

/**
 * Options of the Trendcast forecast panel (saved in the dashboard JSON): the shared forecast
 * options under their own names, but the thresholds, which come from the field config. The `lstm*`
 * options (LstmUserOptions) are read where the LSTM trains (model 'lstm', or auto on a seasonal
 * series); missing or invalid ones mean the defaults.
 */
export interface TrendcastOptions extends Omit<ForecastOptions, 'thresholds'>, LstmUserOptions {
  showForecast: boolean;
  showBand: boolean;
  showCrossings: boolean;
}

export const DEFAULT_OPTIONS: TrendcastOptions = {
  model: DEFAULT_FORECAST_OPTIONS.model,
  horizon: DEFAULT_FORECAST_OPTIONS.horizon,
  fitWindow: DEFAULT_FORECAST_OPTIONS.fitWindow,
  confidence: DEFAULT_FORECAST_OPTIONS.confidence,
  direction: DEFAULT_FORECAST_OPTIONS.direction,
  showForecast: true,
  showBand: true,
  showCrossings: true,
  lstmLookBack: DEFAULT_LSTM_CONFIG.lookBack,
  lstmEpochs: DEFAULT_LSTM_CONFIG.epochs,
  lstmFineTuneEpochs: DEFAULT_LSTM_CONFIG.fineTuneEpochs,
  lstmDriftLimit: DEFAULT_DRIFT_POLICY.relativeLimit,
  // lstmDriftAbsoluteLimit: absent = off (DEFAULT_DRIFT_POLICY.absoluteLimit is null).
};
