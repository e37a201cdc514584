/**
 * One refresh of an LSTM forecast with its weight cache, the seed's online-learning loop made
 * per panel:
 *   1. read the cached model (a corrupt, stale or incompatible entry is discarded: a miss);
 *   2. drift: compare its previous forecast with the actual values that arrived since;
 *   3. forecast at once from the cached weights, without training (onCachedModel);
 *   4. drift over the limit (or "retrain now") → train from scratch; else fine-tune on the new
 *      points only (a few epochs); no new points → nothing to train;
 *   5. forecast with the updated weights and store them with this forecast (for the next drift).
 * Never throws for data or cache trouble; rejects only with TrainingCancelled.
 */
import { Problem, RegularSeries } from '../engine/types';
import {
  bandSdAt,
  decodeSnapshot,
  DEFAULT_DRIFT_POLICY,
  driftExceeds,
  DriftMeasure,
  DriftPolicy,
  encodeSnapshot,
  fineTuneLstm,
  HeldOutScore,
  LstmConfig,
  lstmFittedModel,
  LstmHooks,
  LstmState,
  measureDrift,
  NaiveBlend,
  newRowsSince,
  stateFitsSeries,
  trainLstm,
} from '../models/lstm';
import { FittedModel, isProblem } from '../models/types';
import { WeightStore } from './weightStore';

/** Longest forecast kept for the drift check (steps). */
const STORED_FORECAST_STEPS = 2000;

export type LstmAction = 'cold-train' | 'retrain-drift' | 'retrain-requested' | 'fine-tune' | 'cached';
export type CacheOutcome = 'hit' | 'miss' | 'corrupt' | 'incompatible' | 'disabled';

/** What happened in a refresh, for the panel's status line and the CLI's diagnostics. Plain data. */
export interface LstmStatus {
  action: LstmAction;
  cache: CacheOutcome;
  /** Why the cache entry was not used, or why it could not be written. */
  cacheNote: string | null;
  storeKind: WeightStore['kind'] | null;
  trainedAt: number;
  trainedPoints: number;
  fineTunedAt: number | null;
  fineTunedPoints: number;
  fineTunes: number;
  /** Drift of the previous forecast against the arrived values (null when nothing arrived). */
  drift: DriftMeasure | null;
  driftLimit: DriftPolicy;
  /** Training loss curves per component (last cold training, last fine-tune). */
  losses: Record<string, number[]>;
  fineTuneLosses: Record<string, number[]>;
  backend: string;
  period: number | null;
  lookBack: number;
  variant: 'decomposed' | 'raw';
  /** Held-out error of the last cold training (MAPE/MASE on the held-back last horizon). */
  backtest: HeldOutScore | null;
  /** The networks' weight against the seasonal naive forecast, and its lag (weight 1: the networks alone). */
  blend: NaiveBlend;
}

export interface LstmRefreshInput {
  series: RegularSeries;
  fromRow: number;
  /** Steps the caller will forecast (the stored forecast for drift has this length, capped). */
  horizon: number;
  key: string;
  /** null: no cache (train every time). */
  store: WeightStore | null;
  config?: Partial<LstmConfig>;
  period?: number;
  drift?: Partial<DriftPolicy>;
  /** "Retrain now": ignore the cached weights (they are still replaced). */
  forceRetrain?: boolean;
}

export interface LstmRefreshHooks extends LstmHooks {
  /** Called with the forecast from the cached weights before any training. */
  onCachedModel?: (model: FittedModel, status: LstmStatus) => void;
}

export type LstmRefreshResult =
  { model: FittedModel; state: LstmState; status: LstmStatus } | { problem: Problem; status: LstmStatus | null };

function statusOf(
  state: LstmState,
  action: LstmAction,
  cache: CacheOutcome,
  cacheNote: string | null,
  store: WeightStore | null,
  drift: DriftMeasure | null,
  policy: DriftPolicy
): LstmStatus {
  const curves = (key: 'losses' | 'fineTuneLosses') =>
    Object.fromEntries(state.components.map((c) => [c.name, c[key].slice()]));
  return {
    action,
    cache,
    cacheNote,
    storeKind: store ? store.kind : null,
    trainedAt: state.trainedAt,
    trainedPoints: state.trainedPoints,
    fineTunedAt: state.fineTunedAt,
    fineTunedPoints: state.fineTunedPoints,
    fineTunes: state.fineTunes,
    drift,
    driftLimit: policy,
    losses: curves('losses'),
    fineTuneLosses: curves('fineTuneLosses'),
    backend: state.backend,
    period: state.period,
    lookBack: state.lookBack,
    variant: state.variant,
    backtest: state.backtest,
    blend: { ...state.blend },
  };
}

/** Reads and validates the cached state; the outcome says why it is absent. */
async function readCached(
  input: LstmRefreshInput
): Promise<{ state: LstmState | null; cache: CacheOutcome; note: string | null }> {
  if (!input.store) {
    return { state: null, cache: 'disabled', note: null };
  }
  const bytes = await input.store.read(input.key).catch(() => null);
  if (!bytes) {
    return { state: null, cache: 'miss', note: null };
  }
  const state = decodeSnapshot(bytes, input.key);
  if (!state) {
    await input.store.remove(input.key);
    return {
      state: null,
      cache: 'corrupt',
      note: 'the cached model was unreadable (corrupt or from another version) and was discarded',
    };
  }
  const fits = stateFitsSeries(state, input.series);
  if (!fits.ok) {
    await input.store.remove(input.key);
    return { state: null, cache: 'incompatible', note: `the cached model was discarded: ${fits.reason}` };
  }
  return { state, cache: 'hit', note: null };
}

/** Runs one refresh; see the file comment. */
export async function refreshLstm(input: LstmRefreshInput, hooks: LstmRefreshHooks = {}): Promise<LstmRefreshResult> {
  const policy: DriftPolicy = { ...DEFAULT_DRIFT_POLICY, ...input.drift };
  const cached = await readCached(input);
  let state: LstmState | null = cached.state;
  let action: LstmAction = 'cold-train';
  let drift: DriftMeasure | null = null;
  let immediateModel: FittedModel | null = null;

  if (state) {
    const profile = state.bandSd;
    drift = measureDrift(state.lastForecast, input.series, (k) => bandSdAt(profile, k), state.transform);
    state = { ...state, drift: drift ? drift.relative : null };
    const immediate = lstmFittedModel(state, input.series, input.fromRow);
    if (!isProblem(immediate)) {
      immediateModel = immediate;
      hooks.onCachedModel?.(
        immediate,
        statusOf(state, 'cached', cached.cache, cached.note, input.store, drift, policy)
      );
    }
    if (input.forceRetrain) {
      action = 'retrain-requested';
    } else if (driftExceeds(drift, policy)) {
      action = 'retrain-drift';
    } else if (newRowsSince(state, input.series, input.fromRow).count > 0) {
      action = 'fine-tune';
    } else {
      action = 'cached';
    }
  }

  let next: LstmState;
  if (state && (action === 'fine-tune' || action === 'cached')) {
    next = action === 'fine-tune' ? await fineTuneLstm(state, input.series, { fromRow: input.fromRow }, hooks) : state;
    if (next === state) {
      action = 'cached';
    }
  } else {
    const trained = await trainLstm(
      input.series,
      { fromRow: input.fromRow, period: input.period, config: input.config },
      hooks
    );
    if ('code' in trained) {
      return { problem: trained, status: null };
    }
    next = { ...trained, drift: drift ? drift.relative : null };
  }

  const model = next === state && immediateModel ? immediateModel : lstmFittedModel(next, input.series, input.fromRow);
  if (isProblem(model)) {
    return { problem: model, status: statusOf(next, action, cached.cache, cached.note, input.store, drift, policy) };
  }
  const steps = Math.max(1, Math.min(input.horizon, STORED_FORECAST_STEPS));
  const lastTime = input.series.start + (input.series.values.length - 1) * input.series.step;
  const previous = next.lastForecast;
  next = {
    ...next,
    lastForecast: {
      start: lastTime + input.series.step,
      step: input.series.step,
      values: Array.from(model.predict(steps, 0.95).point),
    },
  };
  // Nothing new (same weights, same forecast): the stored entry is already right.
  const unchanged =
    action === 'cached' &&
    previous !== null &&
    previous.start === next.lastForecast!.start &&
    previous.values.length === steps;
  let note = cached.note;
  if (input.store && !unchanged) {
    const written = await input.store.write(input.key, encodeSnapshot(input.key, next));
    if (!written.ok) {
      note = written.message;
    }
  }
  return { model, state: next, status: statusOf(next, action, cached.cache, note, input.store, drift, policy) };
}
