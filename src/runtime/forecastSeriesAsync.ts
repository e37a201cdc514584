/**
 * The asynchronous face of forecastSeries: the LSTM model (which trains) goes through the weight
 * cache and refreshLstm; every other model is delegated to the synchronous forecastSeries, so
 * their results are identical on both paths.
 */
import { RawSeries } from '../engine/types';
import { DriftPolicy, LstmConfig } from '../models/lstm/lstmConfig';
import { TrainingCancelled } from '../models/lstm/lstmNetwork';
import { ResolvedForecastOptions } from '../models/forecastOptions';
import { completeForecast, forecastSeries, prepareForecast, SeriesForecast } from '../models/forecastSeries';
import { lstmCacheKey } from './lstmCacheKey';
import { LstmRefreshHooks, LstmStatus, refreshLstm } from './lstmRefresh';
import { WeightStore } from './weightStore';

/** Where the LSTM model is shown and cached; ignored by the other models. */
export interface LstmContext {
  store: WeightStore | null;
  dashboardUid: string;
  panelId: string | number;
  config?: Partial<LstmConfig>;
  drift?: Partial<DriftPolicy>;
  forceRetrain?: boolean;
}

export interface AsyncForecastHooks extends Omit<LstmRefreshHooks, 'onCachedModel'> {
  /** The forecast from the cached weights, before fine-tuning (LSTM only). */
  onCachedForecast?: (result: SeriesForecast, status: LstmStatus) => void;
}

export interface AsyncSeriesForecast {
  result: SeriesForecast;
  /** The LSTM's model status; null for the other models. */
  lstm: LstmStatus | null;
  /** True when the signal aborted training; `result` then has no forecast. */
  cancelled: boolean;
}

/**
 * forecastSeries for every model choice. Never rejects: problems (and cancellation) are in the
 * result.
 */
export async function forecastSeriesAsync(
  raw: RawSeries,
  req: ResolvedForecastOptions,
  lstm: LstmContext | null,
  hooks: AsyncForecastHooks = {}
): Promise<AsyncSeriesForecast> {
  if (req.model !== 'lstm') {
    return { result: forecastSeries(raw, req), lstm: null, cancelled: false };
  }
  const prepared = prepareForecast(raw, req);
  if ('result' in prepared) {
    return { result: prepared.result, lstm: null, cancelled: false };
  }
  const { input } = prepared;
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
          ? (model, status) => hooks.onCachedForecast?.(completeForecast(input, model, req), status)
          : undefined,
      }
    );
    if ('problem' in out) {
      return { result: { ...input.base, problem: out.problem }, lstm: out.status, cancelled: false };
    }
    return {
      result: completeForecast(input, out.model, req, { lstmAction: out.status.action, lstmCache: out.status.cache }),
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
