import { ThresholdDirection } from '../engine/crossings';
import { ModelChoice } from '../models/types';

/** Options of the Trendcast forecast panel (saved in the dashboard JSON). */
export interface TrendcastOptions {
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
};
