/**
 * The one forecast entry: the panel, the data source, the CLI and the service forecast every
 * series through forecastSeries, whatever the model. Fitted models (models/registry.ts: MODELS)
 * run here at once; a trained model (the LSTM) runs as a job of the context's runner, which is
 * loaded only then and holds its weight cache: the shared training worker in the browser, this
 * process in Node (createInProcessLstmRunner).
 *
 * `auto` is the most accurate model that fits the moment: the seed's grouping first (a cycle →
 * seasonal, none → last trend, models/registry.ts), at once; then, where the context has an LSTM
 * place, a series found seasonal gets the LSTM's forecast instead (the fitted one stays where the
 * LSTM fails). Crossing dates do not change: both date them on the capacity trend. Picking per
 * series whichever scored better on the LSTM's held-out rows was measured and scored worse on M4
 * Hourly (docs/benchmarks.md): the LSTM's own blend with seasonal naive already weighs them.
 */
import { RawSeries } from '../engine/types';
import { ResolvedForecastOptions } from '../models/forecastOptions';
import { emptySeriesForecast, forecastFitted, SeriesForecast } from '../models/forecastSeries';
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

/**
 * What a face gives the entry besides the series and its options: cancellation, progress, the
 * LSTM's place (without one, `auto` stays with the fitted models: the CLI's `--no-lstm`).
 */
export interface ForecastContext extends LstmJobHooks {
  lstm?: LstmPlace;
  /**
   * The series' immediateForecast with these options, when the face made it already (to show it
   * before training): not fitted again.
   */
  immediate?: SeriesForecast;
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
  if (isTrainedModel(options.model)) {
    return trainSeries(raw, options, context);
  }
  const fitted = context.immediate ?? forecastFitted(raw, options);
  if (!context.lstm || !willTrain(options, fitted)) {
    return { result: fitted, lstm: null, cancelled: false };
  }
  return autoWithLstm(raw, options, fitted, context);
}

/**
 * Whether forecastSeries trains the LSTM for a series whose immediateForecast is `immediate`: the
 * LSTM itself (no immediate forecast), and `auto` on a series it found seasonal. Faces show
 * `immediate` meanwhile.
 */
export function willTrain(options: Pick<ResolvedForecastOptions, 'model'>, immediate: SeriesForecast | null): boolean {
  return immediate === null || (options.model === 'auto' && immediate.model === 'seasonal');
}

/** The forecast a face can show before any training: the fitted models' (null for the LSTM itself). */
export function immediateForecast(raw: RawSeries, options: ResolvedForecastOptions): SeriesForecast | null {
  return isTrainedModel(options.model) ? null : forecastFitted(raw, options);
}

async function trainSeries(
  raw: RawSeries,
  options: ResolvedForecastOptions,
  context: ForecastContext
): Promise<SeriesOutcome> {
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

/**
 * `auto` on a seasonal series: the LSTM trained (or refreshed from its cache) on it, its forecast
 * marked as auto's choice; where it fails, the fitted forecast with a notice and the LSTM's status.
 */
async function autoWithLstm(
  raw: RawSeries,
  options: ResolvedForecastOptions,
  fitted: SeriesForecast,
  context: ForecastContext
): Promise<SeriesOutcome> {
  const asAuto = (result: SeriesForecast): SeriesForecast => ({
    ...result,
    diagnostics: { ...fitted.diagnostics, ...result.diagnostics },
  });
  const onCached = context.onCached;
  const outcome = await trainSeries(
    raw,
    { ...options, model: 'lstm' },
    { ...context, onCached: onCached && ((result, status) => onCached(asAuto(result), status)) }
  );
  if (outcome.cancelled || outcome.result.problem) {
    const notices = outcome.cancelled
      ? fitted.notices
      : [...fitted.notices, { code: 'lstm-failed' as const, message: outcome.result.problem!.message }];
    return { result: { ...fitted, notices }, lstm: outcome.lstm, cancelled: outcome.cancelled };
  }
  return { ...outcome, result: asAuto(outcome.result) };
}
