/**
 * The LSTM status reduced to what a reader of the output needs (no loss curves): what the refresh
 * did, the cache, the training, the drift, the held-out backtest and the combination with seasonal
 * naive. Plain JSON-able data, for the
 * CLI's JSON output and the data source's forecast frame (meta.custom.lstm).
 */
import { NETWORKS_ONLY } from '../models/lstm';
import { LstmStatus } from './lstmRefresh';

/** The fields of LstmStatus a reader of the output needs (documented there). */
export type LstmStatusSummary = Pick<
  LstmStatus,
  | 'action'
  | 'cache'
  | 'cacheNote'
  | 'trainedAt'
  | 'trainedPoints'
  | 'fineTunedAt'
  | 'fineTunedPoints'
  | 'drift'
  | 'driftLimit'
  | 'period'
  | 'lookBack'
  | 'variant'
  | 'backtest'
  | 'blend'
>;

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
    // Likewise a status from before the combination: the networks alone.
    blend: status.blend ? { ...status.blend } : { ...NETWORKS_ONLY },
  };
}
