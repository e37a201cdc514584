import { DataFrame } from '@grafana/data';

import { forecastFrame } from '../common/forecastFrames';
import { framesToSeries, PanelSeries } from '../common/framesToSeries';
import { ResolvedForecastOptions } from '../models/forecastOptions';
import { SeriesForecast } from '../models/forecastSeries';
import { forecastSeries, immediateForecast, willTrain } from '../runtime/forecastSeries';
import { inLanes } from '../runtime/inLanes';
import { LstmJobHooks, LstmRunner } from '../runtime/lstmJobs';
import { LstmStatus } from '../runtime/lstmRefresh';
import { driftPolicyFromOptions, lstmConfigFromOptions } from '../runtime/lstmUserOptions';
import { crossingsFrame } from './crossingsFrame';
import { TrendcastQuery } from './types';

/** One series of a query and its forecast. */
export interface SeriesResult {
  series: PanelSeries;
  result: SeriesForecast;
  /** The LSTM's status after this refresh (LSTM queries only; null when it did not get that far). */
  lstm?: LstmStatus | null;
}

/** Where the data source's LSTM jobs run and whose models they are (Grafana's request). */
export interface DataSourceLstm {
  /** The runner (the shared training worker in the browser); loaded only when an LSTM query runs. */
  runner: () => Promise<LstmRunner>;
  /** The request's dashboard UID ('unsaved' outside a saved dashboard). */
  dashboardUid: string;
  /** The request's panel id ('explore' outside a dashboard panel). */
  panelId: string | number;
  /** Aborted when the query is unsubscribed: stops the training in progress. */
  signal: AbortSignal;
}

/**
 * Everything one Trendcast query returns, from the inner query's frames: the frames themselves
 * (includeOriginal), one forecast frame per series (includeForecast) and the `crossings` frame
 * (includeCrossings), in that order. Each series goes through the one forecast entry,
 * runtime/forecastSeries, with the query's forecast options as resolveQuery resolved them; `now` (epoch ms) dates the
 * crossings' time left. The LSTM runs each series as one job of `lstm.runner` (trained or
 * refreshed from its cached weights, keyed by dashboard UID + panel id/refId + series, as
 * lstmCacheKey builds it) with the query's LSTM options as its configuration and drift policy
 * (invalid ones mean the defaults); each forecast frame carries the model's status in
 * meta.custom.lstm. Bad data is a notice in the forecast frames; a cancelled job leaves its series
 * without a forecast. Rejects only when the LSTM's runner cannot be loaded.
 */
export async function queryFrames(
  innerFrames: DataFrame[],
  query: TrendcastQuery,
  options: ResolvedForecastOptions,
  now: number,
  lstm?: DataSourceLstm,
  /** The series' immediateForecast, when immediateQueryFrames made them already: not fitted again. */
  immediate?: Array<SeriesForecast | null>
): Promise<DataFrame[]> {
  const results: SeriesResult[] = [];
  if (query.includeForecast || query.includeCrossings) {
    // Loaded once per query, on its first LSTM series (never for the fitted models).
    let runner: Promise<LstmRunner> | null = null;
    const place = lstm && {
      runner: () => (runner ??= lstm.runner()),
      dashboardUid: lstm.dashboardUid,
      // Two queries of one panel may return the same series: the refId keeps their models apart.
      panelId: `${lstm.panelId}/${query.refId}`,
      config: lstmConfigFromOptions(query),
      drift: driftPolicyFromOptions(query),
    };
    const hooks: LstmJobHooks = { signal: lstm?.signal };
    const all = framesToSeries(innerFrames);
    // As many series at once as the runner has training workers, once a series trains at all.
    const first = immediate ?? all.map((s) => immediateForecast(s, options));
    const trains = first.some((f) => willTrain(options, f));
    const lanes = place && trains ? (await place.runner()).lanes : 1;
    const done: Array<SeriesResult | undefined> = new Array(all.length);
    await inLanes(
      all.map((_, i) => i),
      lanes,
      async (i) => {
        const outcome = await forecastSeries(all[i], options, {
          ...hooks,
          lstm: place,
          immediate: first[i] ?? undefined,
        });
        done[i] = { series: all[i], result: outcome.result, lstm: outcome.lstm };
      },
      lstm?.signal
    );
    // An abort leaves the series not started out (as before: the answer is dropped anyway).
    results.push(...done.filter((r): r is SeriesResult => r !== undefined));
  }
  return assembleQueryFrames(innerFrames, query, now, results);
}

/**
 * What an `auto` query shows before training: every series' fitted forecast (queryFrames without
 * the LSTM), whether queryFrames will train any of its series (those auto found seasonal), i.e.
 * whether its answer can change, and the forecasts themselves (for queryFrames). A query of the
 * LSTM itself has nothing to show before training: its original frames only, `trains` true.
 */
export function immediateQueryFrames(
  innerFrames: DataFrame[],
  query: TrendcastQuery,
  options: ResolvedForecastOptions,
  now: number
): { frames: DataFrame[]; trains: boolean; immediate: Array<SeriesForecast | null> } {
  const series = query.includeForecast || query.includeCrossings ? framesToSeries(innerFrames) : [];
  const immediate = series.map((s) => immediateForecast(s, options));
  const trains = immediate.some((f) => willTrain(options, f));
  if (immediate.some((f) => f === null)) {
    const originalsOnly = { ...query, includeForecast: false, includeCrossings: false };
    return { frames: assembleQueryFrames(innerFrames, originalsOnly, now, []), trains, immediate };
  }
  const results = series.map((s, i) => ({ series: s, result: immediate[i]! }));
  return { frames: assembleQueryFrames(innerFrames, query, now, results), trains, immediate };
}

/**
 * The frames of one query from its inner frames and the forecasts of their series: originals,
 * forecast frames, crossings, as the query's outputs ask.
 */
function assembleQueryFrames(
  innerFrames: DataFrame[],
  query: TrendcastQuery,
  now: number,
  results: SeriesResult[]
): DataFrame[] {
  const out: DataFrame[] = [];
  if (query.includeOriginal) {
    out.push(...innerFrames.map((f) => ({ ...f, refId: query.refId })));
  }
  if (query.includeForecast) {
    out.push(...results.map(({ series, result, lstm }) => forecastFrame(series, result, query.refId, lstm ?? null)));
  }
  if (query.includeCrossings) {
    out.push(crossingsFrame(results, now, query.refId));
  }
  return out;
}
