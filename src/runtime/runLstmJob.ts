import { forecastSeriesAsync, AsyncSeriesForecast } from './forecastSeriesAsync';
import { LstmJob, LstmJobHooks } from './lstmJobs';
import { WeightStore } from './weightStore';
import { TfLoadOptions } from '../models/lstm/tfRuntime';

/**
 * Runs one LSTM job against `store` (in the worker, or in the page when workers are unavailable).
 * Never rejects: problems and cancellation are in the outcome.
 */
export function runLstmJob(
  job: LstmJob,
  store: WeightStore | null,
  hooks: LstmJobHooks = {},
  tf?: TfLoadOptions
): Promise<AsyncSeriesForecast> {
  return forecastSeriesAsync(
    job.series,
    job.request,
    {
      store,
      dashboardUid: job.dashboardUid,
      panelId: job.panelId,
      config: job.config,
      drift: job.drift,
      forceRetrain: job.forceRetrain,
    },
    { signal: hooks.signal, onProgress: hooks.onProgress, onCachedForecast: hooks.onCached, tf }
  );
}
