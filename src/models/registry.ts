import { detectSeasonality, SeasonalityResult } from '../engine/stats/seasonality';
import { Problem, RegularSeries } from '../engine/types';
import { lastTrendModel, peakLoopLastTrendModel } from './lastTrend';
import { linearModel } from './linear';
import { rrdPredictModel } from './rrdPredict';
import { seasonalModel } from './seasonal';
import { Diagnostics, ForecastModel, ModelChoice, ModelName, StatisticalModelName } from './types';

/**
 * The models that train rather than fit: the LSTM (models/lstm). Its code and tfjs load lazily,
 * on its first series, through the forecast context's runner (a Web Worker in the browser, this
 * process in Node), which also holds its weight cache: runtime/forecastSeries.ts.
 */
export const TRAINED_MODELS: readonly ModelName[] = ['lstm'];

/** Whether `choice` trains in the background (a runner, progress, a weight cache) instead of fitting at once. */
export function isTrainedModel(choice: ModelChoice): boolean {
  return TRAINED_MODELS.includes(choice as ModelName);
}

/** Whether `choice` may train the LSTM: the trained models, and auto (on the series it finds seasonal). */
export function mayTrain(choice: ModelChoice): boolean {
  return isTrainedModel(choice) || choice === 'auto';
}

/**
 * The choices whose threshold crossings need the capacity trend alone (forecastCrossings):
 * last-trend is the trend, and auto's picks (last-trend, seasonal, the LSTM) and the LSTM chosen
 * by name all date crossings on it (capacityTrendDating.ts), so a crossings report trains nothing.
 * Not `seasonal` chosen by name: on a series without a cycle it fails, crossings and all.
 */
export const CROSSINGS_FROM_TREND_ALONE: readonly ModelChoice[] = ['auto', 'last-trend', 'lstm'];

/** Every fitted model by name: a model is found in one hop, models/<name>.ts. */
export const MODELS: Record<StatisticalModelName, ForecastModel> = {
  linear: linearModel,
  'last-trend': lastTrendModel,
  'last-trend-peaks': peakLoopLastTrendModel,
  seasonal: seasonalModel,
  'rrd-predict': rrdPredictModel,
};

export interface ModelPick {
  model: ForecastModel;
  period?: number;
  seasonality?: SeasonalityResult;
  diagnostics: Diagnostics;
}

/**
 * Resolves the user's choice to a fitted model. 'auto' is the seed's grouping: a significant cycle
 * in the ACF (engine/stats/seasonality.ts) → seasonal with that period; otherwise → last trend.
 * A trained model (isTrainedModel) is no fitted one: a `bad-option` problem.
 */
export function chooseModel(choice: ModelChoice, series: RegularSeries, fromRow: number): ModelPick | Problem {
  if (isTrainedModel(choice)) {
    return {
      code: 'bad-option',
      message: `the ${choice} model trains asynchronously: it runs through the forecast entry (runtime/forecastSeries)`,
    };
  }
  if (choice !== 'auto') {
    return { model: MODELS[choice as StatisticalModelName], diagnostics: {} };
  }
  const s = detectSeasonality(series.values.subarray(fromRow), { stepMs: series.step });
  const diagnostics: Diagnostics = { autoGroup: s.group, autoReason: s.message };
  if (s.group === 'seasonal' && s.period !== null) {
    return { model: seasonalModel, period: s.period, seasonality: s, diagnostics };
  }
  return { model: lastTrendModel, diagnostics };
}
