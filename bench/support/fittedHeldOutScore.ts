import { forecastScores, ForecastScores } from '../../src/engine/forecastScores';
import { RawSeries } from '../../src/engine/types';
import { ResolvedForecastOptions } from '../../src/models/forecastOptions';
import { prepareForecast } from '../../src/models/forecastSeries';
import { chooseModel } from '../../src/models/registry';
import { isProblem } from '../../src/models/types';

/**
 * The fitted model's score on the series' last `rows` rows held out: the model (auto resolved on
 * the rows before them) is fitted without them and forecasts them, scored as M4 scores (MASE
 * scaled with lag `m`). The yardstick `auto` holds the LSTM's own held-out backtest against
 * (runtime/forecastSeries.ts), so both are scored on the same rows with the same scale. Null when
 * the series cannot be forecast or has too few rows to hold any back. The benchmark's `auto-pick`
 * variant picks by it (bench/lstm.bench.ts): a rule measured and not taken into the product.
 */
export function fittedHeldOutScore(
  raw: RawSeries,
  options: ResolvedForecastOptions,
  rows: number,
  m: number
): ForecastScores | null {
  const prepared = prepareForecast(raw, options);
  if ('result' in prepared) {
    return null;
  }
  const { series, fromRow } = prepared.input;
  const end = series.values.length - rows;
  if (rows < 1 || end - fromRow < 3) {
    return null;
  }
  const insample = { start: series.start, step: series.step, values: series.values.subarray(0, end) };
  const choice = chooseModel(options.model, insample, fromRow);
  if ('code' in choice) {
    return null;
  }
  const fitted = choice.model.fit(insample, { fromRow, period: choice.period, seasonality: choice.seasonality });
  if (isProblem(fitted)) {
    return null;
  }
  const point = fitted.predict(rows, options.confidence).point;
  return forecastScores(series.values.subarray(fromRow, end), series.values.subarray(end), point, m);
}
