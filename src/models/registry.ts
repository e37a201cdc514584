import { detectSeasonality } from '../engine/stats/seasonality';
import { RegularSeries } from '../engine/types';
import { lastTrendModel, peakLoopLastTrendModel } from './lastTrend';
import { linearModel } from './linear';
import { rrdPredictModel } from './rrdPredict';
import { seasonalModel } from './seasonal';
import { Diagnostics, ForecastModel, ModelChoice, StatisticalModelName } from './types';

/** Every model by name: a model is found in one hop, models/<name>.ts. */
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
  diagnostics: Diagnostics;
}

/**
 * Resolves the user's choice. 'auto' is the seed's grouping: a significant cycle in the ACF
 * (engine/stats/seasonality.ts) → seasonal with that period; otherwise → last trend.
 */
export function chooseModel(choice: Exclude<ModelChoice, 'lstm'>, series: RegularSeries, fromRow: number): ModelPick {
  if (choice !== 'auto') {
    return { model: MODELS[choice], diagnostics: {} };
  }
  const s = detectSeasonality(series.values.subarray(fromRow), { stepMs: series.step });
  const diagnostics: Diagnostics = { autoGroup: s.group, autoReason: s.message };
  if (s.group === 'seasonal' && s.period !== null) {
    return { model: seasonalModel, period: s.period, diagnostics };
  }
  return { model: lastTrendModel, diagnostics };
}
