/**
 * The LSTM's forecast of one series: prepared and completed as the fitted models' (the shared
 * steps of models/forecastSeries.ts), trained or refreshed through its weight cache (refreshLstm).
 * Runs where its runner runs it (runLstmJob: the training worker, or this process); faces reach it
 * through the forecast entry, runtime/forecastSeries.ts.
 */
import { RawSeries } from '../engine/types';
import { DriftPolicy, LstmConfig, TrainingCancelled } from '../models/lstm';
import { ResolvedForecastOptions } from '../models/forecastOptions';
import { capacityTrendDating } from '../models/capacityTrendDating';
import { completeForecast, prepareForecast, SeriesForecast } from '../models/forecastSeries';
import { lstmCacheKey } from './lstmCacheKey';
import { LstmRefreshHooks, LstmStatus, refreshLstm } from './lstmRefresh';
import { SeriesOutcome } from './seriesOutcome';
import { WeightStore } from './weightStore';

/** Where the LSTM model is shown and cached (its weight-cache key and store) and how it trains. */
export interface LstmContext {
  store: WeightStore | null;
  dashboardUid: string;
  panelId: string | number;
  config?: Partial<LstmConfig>;
  drift?: Partial<DriftPolicy>;
  forceRetrain?: boolean;
}

export interface LstmForecastHooks extends Omit<LstmRefreshHooks, 'onCachedModel'> {
  /** The forecast from the cached weights, before fine-tuning (LSTM only). */
  onCachedForecast?: (result: SeriesForecast, status: LstmStatus) => void;
}

/** The LSTM's forecast of `raw`. Never rejects: problems (and cancellation) are in the outcome. */
export async function forecastLstm(
  raw: RawSeries,
  req: ResolvedForecastOptions,
  lstm: LstmContext | null,
  hooks: LstmForecastHooks = {}
): Promise<SeriesOutcome> {
  const prepared = prepareForecast(raw, req);
  if ('result' in prepared) {
    return { result: prepared.result, lstm: null, cancelled: false };
  }
  const { input } = prepared;
  // Crossings come from the capacity trend, as for the fitted models.
  const dated = capacityTrendDating(input.series, input.fromRow);
  const ctx: LstmContext = lstm ?? { store: null, dashboardUid: 'none', panelId: 'none' };
  const key = lstmCacheKey({
    dashboardUid: ctx.dashboardUid,
    panelId: ctx.panelId,
    seriesName: raw.name,
    labels: raw.labels,
    config: ctx.config,
  });
  try {
    const out = await refreshLstm(
      {
        series: input.series,
        fromRow: input.fromRow,
        horizon: input.horizon,
        key,
        store: ctx.store,
        config: ctx.config,
        drift: ctx.drift,
        forceRetrain: ctx.forceRetrain,
      },
      {
        ...hooks,
        onCachedModel: hooks.onCachedForecast
          ? (model, status) => hooks.onCachedForecast?.(completeForecast(input, dated(model), req), status)
          : undefined,
      }
    );
    if ('problem' in out) {
      return { result: { ...input.base, problem: out.problem }, lstm: out.status, cancelled: false };
    }
    return {
      result: completeForecast(input, dated(out.model), req),
      lstm: out.status,
      cancelled: false,
    };
  } catch (e) {
    if (e instanceof TrainingCancelled) {
      return {
        result: { ...input.base, problem: { code: 'model-failed', message: 'LSTM training was cancelled' } },
        lstm: null,
        cancelled: true,
      };
    }
    return {
      result: {
        ...input.base,
        problem: { code: 'model-failed', message: `LSTM model failed: ${(e as Error)?.message ?? String(e)}` },
      },
      lstm: null,
      cancelled: false,
    };
  }
}
