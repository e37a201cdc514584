/**
 * The one forecast entry: the panel, the data source, the CLI and the service forecast every
 * series through forecastSeries, whatever the model. Fitted models (models/registry.ts: MODELS)
 * run here at once; a trained model (the LSTM) runs as a job of the context's runner, which is
 * loaded only then and holds its weight cache: the shared training worker in the browser, this
 * process in Node (createInProcessLstmRunner).
 */
import { RawSeries } from '../engine/types';
import { ResolvedForecastOptions } from '../models/forecastOptions';
import { emptySeriesForecast, forecastFitted } from '../models/forecastSeries';
import { DriftPolicy, LstmConfig } from '../models/lstm';
import { isTrainedModel } from '../models/registry';
import { LstmJobHooks, LstmRunner } from './lstmJobs';
import { SeriesOutcome } from './seriesOutcome';

/** Where the LSTM trains and whose model it is (its weight-cache key); read by trained models only. */
export interface LstmPlace {
  /** The runner, loaded on the first LSTM series (tfjs and the worker load with it). */
  runner: () => Promise<LstmRunner>;
  /** The dashboard's UID ('cli', 'service' outside Grafana). */
  dashboardUid: string;
  /** The panel (or query, input file, job) whose model it is. */
  panelId: string | number;
  config?: Partial<LstmConfig>;
  drift?: Partial<DriftPolicy>;
  /** Ignore the cached weights and train from scratch. */
  forceRetrain?: boolean;
}

/** What a face gives the entry besides the series and its options: cancellation, progress, the LSTM's place. */
export interface ForecastContext extends LstmJobHooks {
  lstm?: LstmPlace;
}

/**
 * Forecasts one series with resolved options (models/forecastOptions.ts: resolved once per query).
 * Resolves with the forecast (bad data is its `problem`), the LSTM's status, and whether training
 * was cancelled; rejects only when the LSTM's runner cannot be loaded.
 */
export async function forecastSeries(
  raw: RawSeries,
  options: ResolvedForecastOptions,
  context: ForecastContext = {}
): Promise<SeriesOutcome> {
  if (!isTrainedModel(options.model)) {
    return { result: forecastFitted(raw, options), lstm: null, cancelled: false };
  }
  const place = context.lstm;
  if (!place) {
    const problem = { code: 'bad-option' as const, message: `the ${options.model} model needs a runner to train on` };
    return { result: emptySeriesForecast(raw, problem), lstm: null, cancelled: false };
  }
  const runner = await place.runner();
  const { signal, onProgress, onCached } = context;
  return runner.run(
    {
      series: raw,
      request: options,
      dashboardUid: place.dashboardUid,
      panelId: place.panelId,
      config: place.config,
      drift: place.drift,
      forceRetrain: place.forceRetrain,
    },
    { signal, onProgress, onCached }
  );
}
