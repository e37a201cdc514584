import { DataFrame, Field, FieldColor, FieldType, getFieldDisplayName, Labels, ThresholdsConfig } from '@grafana/data';

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
  /** The field's colour config (the panel's default or an override by series). */
  color?: FieldColor;
}

/**
 * One series per numeric field of each frame, keyed by its labels (`host=web1`), as InfluxQL
 * frames come from Grafana (one frame per tag set, fields Time + Value). When several fields share
 * a tag set (`used` and `free` of `host=a`, in one frame or in several), every labelled series is
 * named by field and tags (`used host=a`, `used host=b`) so that no two read the same. Frames without a time field are
 * skipped: they are not time series.
 */
export function framesToSeries(frames: DataFrame[]): PanelSeries[] {
  const out: PanelSeries[] = [];
  const fieldParts: string[] = [];
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
      fieldParts.push(fieldPart(field, frame, displayName));
      out.push({
        name: labelKey(labels) || displayName,
        displayName,
        labels,
        times,
        values: field.values as ArrayLike<number | null>,
        unit: field.config.unit,
        decimals: field.config.decimals ?? undefined,
        thresholds: field.config.thresholds,
        color: field.config.color,
      });
    }
  }
  const collide = new Set(out.map((s) => s.name)).size < out.length;
  return collide
    ? out.map((s, i) => (Object.keys(s.labels).length > 0 ? { ...s, name: `${fieldParts[i]} ${s.name}` } : s))
    : out;
}

/**
 * What tells a field apart from the others of its tag set: its name, unless that is InfluxQL's
 * generic `Value`; then the display name (or frame name) without its `{ tags }` part.
 */
function fieldPart(field: Field, frame: DataFrame, displayName: string): string {
  if (field.name !== 'Value' && field.name !== '') {
    return field.name;
  }
  const source = field.config.displayNameFromDS ?? frame.name ?? displayName;
  return source.replace(/\s*\{.*\}\s*$/, '') || displayName;
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
