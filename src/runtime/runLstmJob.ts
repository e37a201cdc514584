import { TfLoadOptions } from '../models/lstm';
import { forecastLstm } from './lstmForecast';
import { LstmJob, LstmJobHooks } from './lstmJobs';
import { SeriesOutcome } from './seriesOutcome';
import { WeightStore } from './weightStore';

/**
 * Runs one LSTM job against `store` (in the worker, or in this thread: the page where workers are
 * unavailable, the CLI and the service). Never rejects: problems and cancellation are in the outcome.
 */
export function runLstmJob(
  job: LstmJob,
  store: WeightStore | null,
  hooks: LstmJobHooks = {},
  tf?: TfLoadOptions
): Promise<SeriesOutcome> {
  return forecastLstm(
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
