import { optionErrorText, resolveForecastOptions, ResolvedForecastOptions } from '../models/forecastOptions';
import { TrendcastQuery } from './types';

/**
 * Checks a query's options before anything runs and resolves its forecast options (the shared
 * options module, models/forecastOptions.ts: the horizon is parsed here, once per query). Returns
 * them, or messages a user can act on, each naming the option: `horizon: "2x" is not a duration: …`.
 * Precondition: the query was completed with withQueryDefaults.
 */
export function resolveQuery(query: TrendcastQuery): { options: ResolvedForecastOptions } | { errors: string[] } {
  const errors: string[] = [];
  if (query.innerQuery.trim() === '') {
    errors.push(
      'InfluxQL query: it is empty; write the query to forecast, e.g. SELECT mean("used_percent") FROM "disk" WHERE $timeFilter GROUP BY time($__interval), "host"'
    );
  }
  const resolved = resolveForecastOptions(query);
  if ('errors' in resolved) {
    errors.push(...resolved.errors.map(optionErrorText));
  }
  if (!query.includeOriginal && !query.includeForecast && !query.includeCrossings) {
    errors.push('outputs: choose at least one of original, forecast, crossings');
  }
  return errors.length > 0 || 'errors' in resolved ? { errors } : { options: resolved.options };
}

/** The messages of resolveQuery (empty when the query is fine): what the query editor shows. */
export function validateQuery(query: TrendcastQuery): string[] {
  const resolved = resolveQuery(query);
  return 'errors' in resolved ? resolved.errors : [];
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
