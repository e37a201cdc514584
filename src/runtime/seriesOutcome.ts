import { SeriesForecast } from '../models/forecastSeries';
import { LstmStatus } from './lstmRefresh';

/** What the forecast entry returns for one series. Plain data: it crosses worker boundaries. */
export interface SeriesOutcome {
  result: SeriesForecast;
  /** The LSTM's model status; null for the fitted models (and an LSTM that did not get that far). */
  lstm: LstmStatus | null;
  /** True when the signal aborted training; `result` then has no forecast. */
  cancelled: boolean;
}
