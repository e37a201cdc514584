/**
 * M4 Hourly series for the LSTM benchmarks, and the M4 scores they report.
 */
import { readFileSync } from 'node:fs';

import { forecastScores } from '../src/engine/forecastScores';

/** M4 Hourly rows (`"id","v1","v2",…`, a header first): id and values, trailing empty cells dropped. */
export function readM4(path: string): Array<{ id: string; values: number[] }> {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(1);
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cells = l.split(',').map((c) => c.replace(/^"|"$/g, ''));
      return {
        id: cells[0],
        values: cells
          .slice(1)
          .filter((c) => c !== '')
          .map(Number),
      };
    });
}

/** Seasonal naive: the last `m` values of `train`, repeated for `h` steps. */
export function seasonalNaiveForecast(train: ArrayLike<number>, h: number, m: number): number[] {
  return Array.from({ length: h }, (_, k) => train[train.length - m + (k % m)]);
}

/**
 * M4 sMAPE (%) and MASE (scaled by the in-sample seasonal naive with lag m) of `forecast`: the
 * definitions the LSTM's own held-out score uses (engine/forecastScores.ts; a point where actual
 * and forecast are both 0 adds 0 to sMAPE: M4 has no zeros, NAB's disk-write series has). MASE is
 * NaN when the in-sample scale is 0.
 */
export function m4Scores(
  insample: ArrayLike<number>,
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  m: number
): { smape: number; mase: number } {
  const s = forecastScores(insample, actual, forecast, m);
  return { smape: s.smape, mase: s.mase ?? NaN };
}
