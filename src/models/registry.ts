import { RegularSeries } from '../engine/types';
import { linearModel } from './linear';
import { Diagnostics, ForecastModel, ModelChoice, ModelName } from './types';

/** Every model by name: a model is found in one hop, models/<name>.ts. */
export const MODELS: Record<ModelName, ForecastModel> = {
  linear: linearModel,
  'last-trend': linearModel,
  seasonal: linearModel,
  'rrd-predict': linearModel,
};

export interface ModelPick {
  model: ForecastModel;
  period?: number;
  diagnostics: Diagnostics;
}

/** Resolves the user's choice ('auto' included) to a model for this series. */
export function chooseModel(choice: ModelChoice, _series: RegularSeries, _fromRow: number): ModelPick {
  if (choice === 'auto') {
    return { model: MODELS['last-trend'], diagnostics: { autoChoice: 'last-trend' } };
  }
  return { model: MODELS[choice], diagnostics: {} };
}
