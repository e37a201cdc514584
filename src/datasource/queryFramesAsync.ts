import { DataFrame } from '@grafana/data';

import { framesToSeries } from '../common/framesToSeries';
import { jobSeries, LstmRunner } from '../runtime/lstmJobs';
import { driftPolicyFromOptions, lstmConfigFromOptions } from '../runtime/lstmUserOptions';
import { assembleQueryFrames, needsForecasts, queryFrames, SeriesResult } from './queryFrames';
import { validForecastOptions } from '../models/forecastOptions';
import { TrendcastQuery } from './types';

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
 * queryFrames for every model: the LSTM runs each series as one job of `lstm.runner` (trained or
 * refreshed from its cached weights, keyed by dashboard UID + panel id/refId + series, as
 * lstmCacheKey builds it) with the query's LSTM options as its configuration and drift policy
 * (invalid ones mean the defaults); each forecast frame carries the model's status in
 * meta.custom.lstm. Every other model goes through the synchronous queryFrames, unchanged.
 * Never rejects on bad data (problems are in the forecast frames' notices); a cancelled job leaves
 * its series without a forecast. Precondition: validateQuery(query) is empty.
 */
export async function queryFramesAsync(
  innerFrames: DataFrame[],
  query: TrendcastQuery,
  now: number,
  lstm: DataSourceLstm
): Promise<DataFrame[]> {
  if (query.model !== 'lstm' || !needsForecasts(query)) {
    return queryFrames(innerFrames, query, now);
  }
  const runner = await lstm.runner();
  const request = validForecastOptions(query);
  const config = lstmConfigFromOptions(query);
  const drift = driftPolicyFromOptions(query);
  const results: SeriesResult[] = [];
  // One job at a time: the worker runs them in turn anyway, and an abort stops the rest.
  for (const series of framesToSeries(innerFrames)) {
    if (lstm.signal.aborted) {
      break;
    }
    const outcome = await runner.run(
      {
        series: jobSeries(series),
        request,
        dashboardUid: lstm.dashboardUid,
        // Two queries of one panel may return the same series: the refId keeps their models apart.
        panelId: `${lstm.panelId}/${query.refId}`,
        config,
        drift,
      },
      { signal: lstm.signal }
    );
    results.push({ series, result: outcome.result, lstm: outcome.lstm });
  }
  return assembleQueryFrames(innerFrames, query, now, results);
}
