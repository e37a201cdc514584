import { DataFrame, FieldType, getFieldDisplayName, Labels, ThresholdsConfig } from '@grafana/data';

import { RawSeries } from '../engine/types';
import { labelKey } from './labelKey';

export { labelKey };

/** A series read from a frame, with what the panel needs to draw and label it. */
export interface PanelSeries extends RawSeries {
  /** Grafana's display name for the field (e.g. `disk.mean { host: web1 }` or an alias). */
  displayName: string;
  unit?: string;
  decimals?: number;
  thresholds?: ThresholdsConfig;
}

/**
 * One series per numeric field of each frame, keyed by its labels (`host=web1`), as InfluxQL
 * frames come from Grafana (one frame per tag set, fields Time + Value). Frames without a time
 * field are skipped: they are not time series.
 */
export function framesToSeries(frames: DataFrame[]): PanelSeries[] {
  const out: PanelSeries[] = [];
  for (const frame of frames) {
    const timeField = frame.fields.find((f) => f.type === FieldType.time);
    if (!timeField) {
      continue;
    }
    const times = Array.from(timeField.values as ArrayLike<number>, toMs);
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      const labels: Labels = { ...(field.labels ?? {}) };
      const displayName = getFieldDisplayName(field, frame, frames);
      out.push({
        name: labelKey(labels) || displayName,
        displayName,
        labels,
        times,
        values: field.values as ArrayLike<number | null>,
        unit: field.config.unit,
        decimals: field.config.decimals ?? undefined,
        thresholds: field.config.thresholds,
      });
    }
  }
  return out;
}

function toMs(t: unknown): number {
  if (typeof t === 'number') {
    return t;
  }
  if (typeof t === 'string') {
    return Date.parse(t);
  }
  if (t instanceof Date) {
    return t.getTime();
  }
  return NaN;
}
