import { createDataFrame, DataFrame, Field, FieldType } from '@grafana/data';

import { SeriesForecast } from '../models/forecastSeries';
import { PanelSeries } from '../common/framesToSeries';

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
