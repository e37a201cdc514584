import { CapacityTrend, fitCapacityTrend } from '../engine/capacity/capacityTrend';
import { RegularSeries } from '../engine/types';
import { trendCurve } from './trendFitted';
import { FittedModel } from './types';

/**
 * Dates a fitted model's threshold crossings on the series' capacity trend, as last-trend and
 * seasonal date theirs: a seasonal disk reaches 90 % when its trend does, not at the first peak of
 * a forecast cycle above the line. For models whose forecast is not a trend line of its own (the
 * LSTM); the forecast and its band stay the model's. The trend is fitted once, on first use, for
 * every model of the series (the LSTM's cached one, then its fine-tuned one).
 */
export function capacityTrendDating(series: RegularSeries, fromRow: number): (model: FittedModel) => FittedModel {
  let capacity: CapacityTrend | null | undefined;
  return (model) => {
    if (capacity === undefined) {
      capacity = fitCapacityTrend(series.values, series.start, series.step, { fromRow });
    }
    const trend = capacity;
    if (!trend) {
      return model;
    }
    return {
      name: model.name,
      anchor: model.anchor,
      fitted: model.fitted,
      diagnostics: model.diagnostics,
      predict(horizon: number, level: number) {
        return { ...model.predict(horizon, level), trend: trendCurve(trend, horizon, level) };
      },
    };
  };
}
