import { ForecastRequest, validateRequest } from '../models/forecastSeries';
import { MODEL_CHOICES } from '../models/types';
import { TrendcastQuery } from './types';

const DIRECTIONS = ['auto', 'rising', 'falling'];

/**
 * Checks a query's options before anything runs. Returns messages a user can act on (empty when
 * the query is fine), each naming the option: `horizon: "2x" is not a duration: …`.
 * Precondition: the query was completed with withQueryDefaults.
 */
export function validateQuery(query: TrendcastQuery): string[] {
  const errors: string[] = [];
  if (query.innerQuery.trim() === '') {
    errors.push(
      'InfluxQL query: it is empty; write the query to forecast, e.g. SELECT mean("used_percent") FROM "disk" WHERE $timeFilter GROUP BY time($__interval), "host"'
    );
  }
  if (!MODEL_CHOICES.includes(query.model)) {
    errors.push(`model: "${query.model}" is not one of ${MODEL_CHOICES.join(', ')}`);
  }
  if (!DIRECTIONS.includes(query.direction)) {
    errors.push(`direction: "${query.direction}" is not one of ${DIRECTIONS.join(', ')}`);
  }
  if (!Array.isArray(query.thresholds) || query.thresholds.some((t) => typeof t !== 'number' || !Number.isFinite(t))) {
    errors.push('thresholds: every threshold must be a finite number');
  }
  if (!query.includeOriginal && !query.includeForecast && !query.includeCrossings) {
    errors.push('outputs: choose at least one of original, forecast, crossings');
  }
  errors.push(...validateRequest(toForecastRequest(query)));
  return errors;
}

/** The engine's request for a query (the options forecastSeries reads). */
export function toForecastRequest(query: TrendcastQuery): ForecastRequest {
  return {
    model: query.model,
    horizon: query.horizon,
    fitWindow: query.fitWindow,
    confidence: query.confidence,
    thresholds: query.thresholds,
    direction: query.direction,
  };
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
