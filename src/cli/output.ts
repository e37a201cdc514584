import { SeriesForecast } from '../models/forecastSeries';
import { LstmStatus } from '../runtime/lstmRefresh';
import { lstmStatusSummary } from '../runtime/lstmStatusSummary';

const iso = (t: number | null) => (t === null || !Number.isFinite(t) ? null : new Date(t).toISOString());
const num = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * The LSTM status of one series in the JSON output: lstmStatusSummary with its times as ISO-8601
 * and non-finite numbers as null (JSON has no NaN); null when the model did not get that far.
 */
function lstmJson(status: LstmStatus | null) {
  if (!status) {
    return null;
  }
  const s = lstmStatusSummary(status);
  const drift = s.drift && { ...s.drift, meanAbsError: num(s.drift.meanAbsError), relative: num(s.drift.relative) };
  return { ...s, trainedAt: iso(s.trainedAt), fineTunedAt: iso(s.fineTunedAt), drift };
}

/**
 * The public JSON contract (README "CLI"): times ISO-8601 UTC, null where not reached. With
 * `lstm` (the LSTM's status per series, parallel to `results`: `--model lstm`), each series also
 * has an `lstm` object: action, cache, training, drift and the held-out backtest.
 */
export function toJsonOutput(results: SeriesForecast[], lstm?: Array<LstmStatus | null>) {
  return {
    series: results.map((r, i) => ({
      name: r.name,
      model: r.model,
      step: Number.isFinite(r.step) ? r.step / 1000 : null,
      forecast: (r.forecast?.times ?? []).map((t, k) => ({
        time: iso(t),
        value: num(r.forecast!.point[k]),
        lower: num(r.forecast!.lower[k]),
        upper: num(r.forecast!.upper[k]),
      })),
      crossings: r.crossings.map((c) => ({
        threshold: c.threshold,
        direction: c.direction,
        status: c.status,
        time: iso(c.time),
        earliest: iso(c.earliest),
        latest: iso(c.latest),
      })),
      diagnostics: r.diagnostics,
      notices: r.notices.map((n) => n.message),
      problem: r.problem,
      ...(lstm ? { lstm: lstmJson(lstm[i] ?? null) } : {}),
    })),
  };
}

/** Forecast rows as CSV: series,time,value,lower,upper. */
export function toCsvOutput(results: SeriesForecast[]): string {
  const rows = ['series,time,value,lower,upper'];
  for (const r of results) {
    const f = r.forecast;
    if (!f) {
      continue;
    }
    const name = /[",\n]/.test(r.name) ? `"${r.name.replace(/"/g, '""')}"` : r.name;
    for (let k = 0; k < f.times.length; k++) {
      rows.push([name, iso(f.times[k]), f.point[k], f.lower[k], f.upper[k]].join(','));
    }
  }
  return rows.join('\n') + '\n';
}
