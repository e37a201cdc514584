import { DataFrame } from '@grafana/data';

import { forecastSeries } from '../models/forecastSeries';
import { framesToSeries } from '../shared/framesToSeries';
import { crossingsFrame, forecastFrame } from './forecastFrames';
import { toForecastRequest } from './queryOptions';
import { TrendcastQuery } from './types';

/**
 * Everything one Trendcast query returns, from the inner query's frames: the frames themselves
 * (includeOriginal), one forecast frame per series (includeForecast) and the `crossings` frame
 * (includeCrossings), in that order. Each series goes through the one engine path, forecastSeries;
 * `now` (epoch ms) dates the crossings' time left. Precondition: validateQuery(query) is empty.
 */
export function queryFrames(innerFrames: DataFrame[], query: TrendcastQuery, now: number): DataFrame[] {
  const out: DataFrame[] = [];
  if (query.includeOriginal) {
    out.push(...innerFrames.map((f) => ({ ...f, refId: query.refId })));
  }
  if (!query.includeForecast && !query.includeCrossings) {
    return out;
  }
  const request = toForecastRequest(query);
  const results = framesToSeries(innerFrames).map((series) => ({ series, result: forecastSeries(series, request) }));
  if (query.includeForecast) {
    out.push(...results.map(({ series, result }) => forecastFrame(series, result, query.refId)));
  }
  if (query.includeCrossings) {
    out.push(crossingsFrame(results, now, query.refId));
  }
  return out;
}
