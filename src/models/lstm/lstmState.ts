/**
 * Everything a trained LSTM forecaster is: its configuration, the per-component scaling and
 * weights, the band's error profile and its training history. Plain data (the weights are
 * Float32Arrays): it crosses worker boundaries and is what the weight cache stores
 * (lstmSnapshot.ts encodes it).
 */
import { ForecastScores } from '../../engine/forecastScores';
import { NetworkShape, NetworkWeights } from './forwardPass';
import { TrainingConfig } from './lstmConfig';
import { LstmTransform } from './lstmTransform';
import { Scaling } from './windows';

/** 'series' is the single network of the raw variant. */
export type ComponentName = 'trend' | 'seasonal' | 'residual' | 'series';

export interface ComponentState {
  name: ComponentName;
  /** The network models the step differences (the trend: it can then rise beyond the range it was trained on). */
  differenced: boolean;
  /** Each window is centred on its own mean (windows.ts `centre`). */
  centred: boolean;
  /** The network models level[t] − level[t − seasonalLag] (lstmComponents.ts); 0 = not seasonally differenced. */
  seasonalLag: number;
  scaling: Scaling;
  shape: NetworkShape;
  weights: NetworkWeights;
  /** Training loss per epoch of the last cold training, then of the last fine-tune. */
  losses: number[];
  fineTuneLosses: number[];
}

/**
 * The forecast is weight × the networks' forecast + (1 − weight) × the seasonal naive forecast
 * (the value `lag` rows before, repeated), on the model's scale (lstmForecaster.ts combinedForecast).
 */
export interface NaiveBlend {
  /** The networks' weight in 0…1; 1 = the networks alone. */
  weight: number;
  /** Rows back the naive forecast copies (a day's rows, or the period). */
  lag: number;
  /**
   * Past the first cycle the copy moves by the networks' drift per cycle (lstmForecaster.ts
   * combinedForecast), so the combination keeps the networks' trend. false on a log scale.
   */
  drift: boolean;
}

/** The networks alone. */
export const NETWORKS_ONLY: NaiveBlend = { weight: 1, lag: 1, drift: false };

/** The previous forecast, kept to measure drift when the actual values arrive. */
export interface StoredForecast {
  /** Time of the first forecast step (ms). */
  start: number;
  step: number;
  values: number[];
}

/**
 * Error of a forecast made by a model that never saw the points it is scored on: the cold training
 * first learns the series without its last `horizon` rows, forecasts them, is scored here, and
 * only then learns them (as a fine-tune does). M4 definitions; percentages in %.
 */
export type HeldOutScore = ForecastScores;

export interface LstmState {
  engineVersion: string;
  config: TrainingConfig;
  /** The variant actually used ('raw' when 'decomposed' found no cycle of MIN_DECOMPOSITION_PERIOD rows or more). */
  variant: 'decomposed' | 'raw';
  period: number | null;
  /** The scale the networks learnt the series on (lstmTransform.ts); 'log': forecasts come back through exp. */
  transform: LstmTransform;
  lookBack: number;
  /** Grid step of the training series (ms); another step makes the entry incompatible. */
  step: number;
  /** Wall-clock time of the last cold training (ms). */
  trainedAt: number;
  /** Points (rows) the last cold training saw. */
  trainedPoints: number;
  /** Series time of the newest row that any training (cold or fine-tune) used as a target. */
  trainedUntil: number;
  fineTunedAt: number | null;
  /** New points used by the last fine-tune. */
  fineTunedPoints: number;
  /** Fine-tunes since the last cold training. */
  fineTunes: number;
  /** One-step in-sample error sd in the series' units (σ₁). */
  oneStepSd: number;
  /** Error sd by forecast step k = 1…K (σ_k, non-decreasing); the band beyond K grows as √k. */
  bandSd: number[];
  components: ComponentState[];
  lastForecast: StoredForecast | null;
  /** Drift measured at the last refresh (lstmDrift.ts `relative`), null when none. */
  drift: number | null;
  /** Backend tfjs trained on ('wasm' | 'cpu'). */
  backend: string;
  /** Trend damping φ the forecasts use (chosen on the held-out rows unless the configuration fixes it). */
  damping: number;
  /**
   * How the forecast combines the networks with the seasonal naive forecast: the networks' weight,
   * chosen on the held-out rows (1 = the networks alone: no rows held out, or combineWithNaive
   * off), and the naive forecast's lag in rows.
   */
  blend: NaiveBlend;
  /** Held-out score of the last cold training (null when the series was too short to hold any back). */
  backtest: HeldOutScore | null;
}
