/**
 * The LSTM forecaster behind the common FittedModel shape, so crossings, bands and drawing reuse
 * the engine. Training is asynchronous (tfjs, lazily loaded); forecasting from a trained state is
 * synchronous plain TypeScript (forwardPass.ts), which is what a refresh from the cache does.
 */
import { normalMultiplier } from '../../engine/quantiles';
import { Problem, RegularSeries } from '../../engine/types';
import { fillGaps } from '../seasonal';
import { FittedModel, isProblem, Prediction } from '../types';
import { splitComponents } from './lstmComponents';
import { forecastBounds, toSeriesUnits } from './forecastBounds';
import { bandSdAt, combinedForecast, oneStepFitted, viewComponents } from './lstmForecaster';
import { LstmState } from './lstmState';
import { fromModelScale, toModelScale } from './lstmTransform';
import { LstmFitOptions, LstmHooks, trainLstm } from './lstmTraining';

/** Rows at the end of the series that get one-step fitted values. */
export const FITTED_ROWS = 336;

/**
 * A FittedModel that forecasts `series` (rows ≥ fromRow) with the trained `state`, the series'
 * components recomputed with the state's period. Needs no tfjs. A Problem when the series is too
 * short for the state's look-back or decomposition.
 */
export function lstmFittedModel(state: LstmState, series: RegularSeries, fromRow = 0): FittedModel | Problem {
  const y = series.values.subarray(fromRow);
  const t = state.transform;
  const filled = fillGaps(toModelScale(y, t));
  const comps = splitComponents(filled, state.variant, state.period, state.config);
  if (!Array.isArray(comps)) {
    return comps;
  }
  if (comps.length !== state.components.length) {
    return { code: 'model-failed', message: 'the cached LSTM does not match this series' };
  }
  const views = viewComponents(state.components, comps);
  const n = y.length;
  const bounds = forecastBounds(y, t);
  if (n <= state.lookBack + 1) {
    return {
      code: 'too-few-points',
      message: `the LSTM model needs more than ${state.lookBack + 1} points, the series has ${n}`,
    };
  }
  // One-step fitted values of the newest rows only (NaN before): each costs a forward pass per
  // component, and nothing draws a fit older than two weeks of hourly data.
  const fittedFrom = Math.max(0, n - FITTED_ROWS);
  const fitted = new Float64Array(n).fill(NaN);
  fitted.set(
    oneStepFitted(views, n, fittedFrom, state.blend).map((v) => fromModelScale(v, t)),
    fittedFrom
  );
  const last = n - 1;
  // The point forecast does not depend on the level: computed once for the longest horizon asked.
  let memo: Float64Array = new Float64Array(0);
  let anchor = fitted[last];
  if (!Number.isFinite(anchor)) {
    anchor = fromModelScale(filled[last], t);
  }
  return {
    name: 'lstm',
    anchor,
    fitted: { fromRow, values: fitted },
    // What the model is, beside its status (training, cache, drift, backtest, blend, losses: the
    // runtime's LstmStatus, reported once); the period as every seasonal model reports it.
    diagnostics: {
      period: state.period,
      lstmScale: state.transform,
      units: state.config.units,
      strategy: state.config.strategy,
      inputShape: state.config.inputShape,
      trendDamping: state.damping,
      oneStepSd: state.oneStepSd,
    },
    predict(horizon: number, level: number): Prediction {
      const h = Math.max(0, Math.floor(horizon));
      if (memo.length < h) {
        memo = combinedForecast(views, last, h, state.damping, state.blend);
      }
      const point = memo.slice(0, h);
      const lower = new Float64Array(h);
      const upper = new Float64Array(h);
      const z = normalMultiplier(level);
      // The band is symmetric on the model's scale: on a log scale it comes back wider above.
      const back = toSeriesUnits(t, bounds);
      for (let k = 0; k < h; k++) {
        const hw = z * bandSdAt(state.bandSd, k + 1);
        const w = Number.isFinite(hw) ? hw : 0;
        lower[k] = back(point[k] - w);
        upper[k] = back(point[k] + w);
        point[k] = back(point[k]);
      }
      return { point, lower, upper };
    },
  };
}

/**
 * Trains an LSTM forecaster on `series` and returns it as a FittedModel (plus its state, for the
 * cache). Resolves to a Problem when the data cannot support it; rejects only with
 * TrainingCancelled when `hooks.signal` aborts.
 */
export async function fitLstm(
  series: RegularSeries,
  options: LstmFitOptions = {},
  hooks: LstmHooks = {}
): Promise<{ model: FittedModel; state: LstmState } | Problem> {
  const state = await trainLstm(series, options, hooks);
  if ('code' in state) {
    return state;
  }
  const model = lstmFittedModel(state, series, options.fromRow ?? 0);
  if (isProblem(model)) {
    return model;
  }
  return { model, state };
}
