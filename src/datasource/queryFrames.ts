import { DataFrame } from '@grafana/data';

import { forecastSeries, SeriesForecast } from '../models/forecastSeries';
import { framesToSeries, PanelSeries } from '../common/framesToSeries';
import { LstmStatus } from '../runtime/lstmRefresh';
import { forecastFrame } from '../common/forecastFrames';
import { crossingsFrame } from './crossingsFrame';
import { validForecastOptions } from '../models/forecastOptions';
import { TrendcastQuery } from './types';

/** One series of a query and its forecast. */
export interface SeriesResult {
  series: PanelSeries;
  result: SeriesForecast;
  /** The LSTM's status after this refresh (LSTM queries only; null when it did not get that far). */
  lstm?: LstmStatus | null;
}

/**
 * Everything one Trendcast query returns, from the inner query's frames: the frames themselves
 * (includeOriginal), one forecast frame per series (includeForecast) and the `crossings` frame
 * (includeCrossings), in that order. Each series goes through the one engine path, forecastSeries;
 * `now` (epoch ms) dates the crossings' time left. Precondition: validateQuery(query) is empty and
 * the model is a synchronous one (the LSTM goes through queryFramesAsync).
 */
export function queryFrames(innerFrames: DataFrame[], query: TrendcastQuery, now: number): DataFrame[] {
  const request = validForecastOptions(query);
  const results = needsForecasts(query)
    ? framesToSeries(innerFrames).map((series) => ({ series, result: forecastSeries(series, request) }))
    : [];
  return assembleQueryFrames(innerFrames, query, now, results);
}

/** Whether the query asks for anything a forecast is needed for. */
export function needsForecasts(query: TrendcastQuery): boolean {
  return query.includeForecast || query.includeCrossings;
}

/**
 * The frames of one query from its inner frames and the forecasts of their series (however they
 * were computed): originals, forecast frames, crossings, as the query's outputs ask.
 */
export function assembleQueryFrames(
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
