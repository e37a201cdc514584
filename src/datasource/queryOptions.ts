import { validateForecastOptions } from '../models/forecastOptions';
import { TrendcastQuery } from './types';

/**
 * Checks a query's options before anything runs. Returns messages a user can act on (empty when
 * the query is fine), each naming the option: `horizon: "2x" is not a duration: …`. The forecast
 * options are checked by the shared options module (models/forecastOptions.ts).
 * Precondition: the query was completed with withQueryDefaults.
 */
export function validateQuery(query: TrendcastQuery): string[] {
  const errors: string[] = [];
  if (query.innerQuery.trim() === '') {
    errors.push(
      'InfluxQL query: it is empty; write the query to forecast, e.g. SELECT mean("used_percent") FROM "disk" WHERE $timeFilter GROUP BY time($__interval), "host"'
    );
  }
  errors.push(...validateForecastOptions(query));
  if (!query.includeOriginal && !query.includeForecast && !query.includeCrossings) {
    errors.push('outputs: choose at least one of original, forecast, crossings');
  }
  return errors;
}

/**
 * Threshold list as typed in the query editor (`90, 100`, spaces or commas between values).
 * Returns the numbers, or an error naming the first entry that is not a number.
 */
export function parseThresholds(text: string): { thresholds: number[] } | { error: string } {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const thresholds: number[] = [];
  for (const p of parts) {
    const v = Number(p);
    if (!Number.isFinite(v)) {
      return { error: `"${p}" is not a number` };
    }
    thresholds.push(v);
  }
  return { thresholds };
}
