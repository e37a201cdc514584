import { HeldOutScore } from '../models/lstm';

/** A score with `digits` decimals, or "–" when there is none (null, NaN, ±Inf). */
function scoreText(v: number | null | undefined, digits: number): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '–';
}

/**
 * The LSTM's held-out backtest as the status line shows it, e.g.
 * "held-out 48 steps: MAPE 7.1 % · sMAPE 6.9 % · MASE 0.82 (seasonal naive 1.10)". Percentages
 * with one decimal, MASE with two; an undefined score (MAPE with a zero actual, MASE with a zero
 * scale) reads "–". "(n scored)" is added when fewer rows than held back had values. The naive
 * reference is "seasonal naive" with a period, "naive" without one (seasonality 1).
 * null (or a status without a score) means the last cold training held nothing back.
 */
export function backtestText(score: HeldOutScore | null | undefined): string {
  if (!score) {
    return 'no held-out score: series too short';
  }
  const scored = score.points < score.horizon ? ` (${score.points} scored)` : '';
  const naive = score.seasonality > 1 ? 'seasonal naive' : 'naive';
  return (
    `held-out ${score.horizon} steps${scored}: MAPE ${scoreText(score.mape, 1)} % · ` +
    `sMAPE ${scoreText(score.smape, 1)} % · MASE ${scoreText(score.mase, 2)} (${naive} ${scoreText(score.naiveMase, 2)})`
  );
}

/** What the backtest numbers mean, for the element's tooltip. */
export const BACKTEST_HELP =
  'Error of the last training from scratch on the last horizon of the series, held back from it: ' +
  'MAPE and sMAPE in %, MASE in units of the in-sample seasonal naive error (below 1 beats it); ' +
  'the seasonal naive forecast of the same rows is given for comparison.';
