/** RRDtool reference semantics (rrdtool 1.7.2), see shared/oracles/README.md §1. */
export { rrdGraphRows, rrdGraphStep, rrdCount } from './rrdRows';
export type { RrdRows, RrdRange } from './rrdRows';
export { rrdReduceAverage } from './rrdReduceAverage';
export type { ReducedRows } from './rrdReduceAverage';
export { rrdDurationRows } from './rrdDurationRows';
export { rrdLsl } from './rrdLsl';
export type { RrdLsl } from './rrdLsl';
export { rrdLslProjection, rrdLimit, rrdVdefFirst, rrdVdefLast, rrdLslThresholdTimes } from './rrdLslProjection';
export type { RrdVdefPoint, RrdLslThresholdTimes } from './rrdLslProjection';
export { rrdTrend, rrdTrendNan } from './rrdTrend';
export { rrdPredictShifts, rrdPredictSpec, rrdPredict, rrdPredictSigma, rrdPredictPerc } from './rrdPredict';
export type { RrdPredictSpec } from './rrdPredict';
