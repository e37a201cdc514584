import { createDataFrame, DataFrame, Field, FieldType, QueryResultMeta, QueryResultMetaNotice } from '@grafana/data';

import { SeriesForecast } from '../models/forecastSeries';
import { PanelSeries } from '../common/framesToSeries';
import { LstmStatus } from '../runtime/lstmRefresh';
import { lstmStatusSummary } from '../runtime/lstmStatusSummary';

/**
 * Display names of a series' forecast fields. Grafana's "fill below to" override names the other
 * field by display name, so they are fixed and predictable: `<series> forecast|lower|upper`, where
 * `<series>` is the label key (`host=db1`), or the field's display name when it has no labels.
 */
export function forecastNames(seriesName: string): { frame: string; value: string; lower: string; upper: string } {
  return {
    frame: `${seriesName} forecast`,
    value: `${seriesName} forecast`,
    lower: `${seriesName} lower`,
    upper: `${seriesName} upper`,
  };
}

/**
 * One series' forecast as a frame: fields `Time`, `value`, `lower`, `upper`, the series' labels on
 * the three number fields, display names from forecastNames. The first row is the last observation
 * with the model's anchor (a band of zero width) so that the forecast line continues the data.
 * Field config suggests the band to Grafana's Time series panel (upper filled down to lower, no
 * band lines, forecast dashed); a dashboard's own overrides win over it.
 * A series that cannot be forecast gives an empty frame whose notice says why. With an LSTM
 * status, meta.custom.lstm is its summary (action, cache, training, drift, held-out backtest:
 * lstmStatusSummary), so a panel or an API user can read the model's state and its backtest error.
 */
export function forecastFrame(
  series: PanelSeries,
  result: SeriesForecast,
  refId: string,
  lstm: LstmStatus | null = null
): DataFrame {
  const names = forecastNames(series.name);
  const notices: QueryResultMetaNotice[] = result.notices.map((n) => ({
    severity: 'info',
    text: `${series.name}: ${n.message}`,
  }));
  const times: number[] = [];
  const value: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  if (result.problem) {
    notices.push({ severity: 'warning', text: `${series.name}: no forecast: ${result.problem.message}` });
  } else if (result.forecast && result.lastTime !== null && result.anchor !== null) {
    times.push(result.lastTime, ...result.forecast.times);
    value.push(result.anchor, ...result.forecast.point);
    lower.push(result.anchor, ...result.forecast.lower);
    upper.push(result.anchor, ...result.forecast.upper);
  }
  const labels = { ...series.labels };
  const numberField = (
    name: string,
    values: number[],
    displayName: string,
    custom: Record<string, unknown>
  ): Field => ({
    name,
    type: FieldType.number,
    values: values.map(finiteOrNull),
    labels,
    config: {
      displayNameFromDS: displayName,
      unit: series.unit,
      decimals: series.decimals,
      custom,
    },
  });
  const hideBandEdge = { lineWidth: 0, hideFrom: { legend: true, tooltip: false, viz: false } };
  const meta: QueryResultMeta = {
    ...(notices.length > 0 ? { notices } : {}),
    ...(lstm ? { custom: { lstm: lstmStatusSummary(lstm) } } : {}),
  };
  return createDataFrame({
    name: names.frame,
    refId,
    meta: Object.keys(meta).length > 0 ? meta : undefined,
    fields: [
      { name: 'Time', type: FieldType.time, values: times, config: {} },
      numberField('value', value, names.value, { lineStyle: { fill: 'dash', dash: [10, 10] } }),
      numberField('lower', lower, names.lower, hideBandEdge),
      numberField('upper', upper, names.upper, { ...hideBandEdge, fillOpacity: 20, fillBelowTo: names.lower }),
    ],
  });
}

/** Field names of the crossings frame that labels must not shadow. */
const CROSSING_FIELDS = ['series', 'threshold', 'direction', 'status', 'time', 'earliest', 'latest', 'time_left_s'];

/**
 * The `crossings` table frame: one row per series and threshold, with fields `series`, one string
 * field per label key (sorted; `label_<key>` if the key is one of the fixed names), `threshold`,
 * `direction`, `status`, `time`, `earliest`, `latest` (times, null when not reached) and
 * `time_left_s`: seconds from `now` to `time`, 0 when the series is already beyond the threshold,
 * null when it is not reached within the horizon (negative when the forecast crossed between the
 * last data point and now). Series that could not be forecast have no rows.
 */
export function crossingsFrame(
  results: Array<{ series: PanelSeries; result: SeriesForecast }>,
  now: number,
  refId: string
): DataFrame {
  const keys = Array.from(new Set(results.flatMap((r) => Object.keys(r.series.labels)))).sort();
  const series: string[] = [];
  const labelValues: string[][] = keys.map(() => []);
  const threshold: number[] = [];
  const direction: string[] = [];
  const status: string[] = [];
  const time: Array<number | null> = [];
  const earliest: Array<number | null> = [];
  const latest: Array<number | null> = [];
  const timeLeft: Array<number | null> = [];
  for (const { series: s, result } of results) {
    for (const c of result.crossings) {
      series.push(s.name);
      keys.forEach((k, i) => labelValues[i].push(s.labels[k] ?? ''));
      threshold.push(c.threshold);
      direction.push(c.direction);
      status.push(c.status);
      time.push(c.time);
      earliest.push(c.earliest);
      latest.push(c.latest);
      timeLeft.push(timeLeftSeconds(c.status, c.time, now));
    }
  }
  const labelFields: Field[] = keys.map((k, i) => ({
    name: CROSSING_FIELDS.includes(k) ? `label_${k}` : k,
    type: FieldType.string,
    values: labelValues[i],
    config: {},
  }));
  return createDataFrame({
    name: 'crossings',
    refId,
    // typeVersion: without it, Grafana's "Fields with name" matcher takes `time` to mean every
    // time field of the frame (a fallback for old frames), so an override on `time` would also
    // hit `earliest` and `latest`.
    meta: { preferredVisualisationType: 'table', typeVersion: [0, 0] },
    fields: [
      { name: 'series', type: FieldType.string, values: series, config: {} },
      ...labelFields,
      { name: 'threshold', type: FieldType.number, values: threshold, config: {} },
      { name: 'direction', type: FieldType.string, values: direction, config: {} },
      { name: 'status', type: FieldType.string, values: status, config: {} },
      { name: 'time', type: FieldType.time, values: time, config: {} },
      { name: 'earliest', type: FieldType.time, values: earliest, config: {} },
      { name: 'latest', type: FieldType.time, values: latest, config: {} },
      { name: 'time_left_s', type: FieldType.number, values: timeLeft, config: { unit: 's' } },
    ],
  });
}

/** Seconds from now to the crossing (whole seconds); 0 when already beyond; null when not reached. */
export function timeLeftSeconds(status: string, time: number | null, now: number): number | null {
  if (status === 'already-beyond') {
    return 0;
  }
  if (status !== 'crosses' || time === null) {
    return null;
  }
  return Math.round((time - now) / 1000);
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
