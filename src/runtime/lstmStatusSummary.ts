/**
 * The LSTM status reduced to what a reader of the output needs (no loss curves): what the refresh
 * did, the cache, the training, the drift and the held-out backtest. Plain JSON-able data, for the
 * CLI's JSON output and the data source's forecast frame (meta.custom.lstm).
 */
import { DriftPolicy } from '../models/lstm/lstmConfig';
import { DriftMeasure } from '../models/lstm/lstmDrift';
import { HeldOutScore } from '../models/lstm/lstmState';
import { CacheOutcome, LstmAction, LstmStatus } from './lstmRefresh';

export interface LstmStatusSummary {
  action: LstmAction;
  cache: CacheOutcome;
  cacheNote: string | null;
  /** Epoch ms of the last cold training. */
  trainedAt: number;
  trainedPoints: number;
  fineTunedAt: number | null;
  fineTunedPoints: number;
  /** Drift of the previous forecast against the arrived points; null when none arrived. */
  drift: DriftMeasure | null;
  driftLimit: DriftPolicy;
  period: number | null;
  lookBack: number;
  variant: 'decomposed' | 'raw';
  /** Held-out error of the last cold training; null when the series was too short to hold any back. */
  backtest: HeldOutScore | null;
}

/** The summary of `status` (copies: the result shares no objects with it). */
export function lstmStatusSummary(status: LstmStatus): LstmStatusSummary {
  return {
    action: status.action,
    cache: status.cache,
    cacheNote: status.cacheNote,
    trainedAt: status.trainedAt,
    trainedPoints: status.trainedPoints,
    fineTunedAt: status.fineTunedAt,
    fineTunedPoints: status.fineTunedPoints,
    drift: status.drift ? { ...status.drift } : null,
    driftLimit: { ...status.driftLimit },
    period: status.period,
    lookBack: status.lookBack,
    variant: status.variant,
    // A status from before the backtest existed (an old cached worker chunk) has none: null.
    backtest: status.backtest ? { ...status.backtest } : null,
  };
}
