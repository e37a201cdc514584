/**
 * DataFrame → plain JSON for the host page: the frames a query produced in Node travel to the
 * browser as Grafana's DataFrameDTO shape (fields with plain `values` arrays).
 */
import type { DataFrame } from '@grafana/data';

import type { FrameJSON } from './hostPageConfig';

/**
 * Converts frames to JSON-safe FrameJSON: name, refId, meta, and per field name, type, values,
 * labels and config. Non-finite numbers become null (JSON has no NaN), as Grafana's wire format does.
 */
export function toFrameJSON(frames: DataFrame[]): FrameJSON[] {
  return frames.map((frame) => ({
    name: frame.name,
    refId: frame.refId,
    meta: frame.meta ? (JSON.parse(JSON.stringify(frame.meta)) as Record<string, unknown>) : undefined,
    fields: frame.fields.map((field) => ({
      name: field.name,
      type: field.type,
      values: Array.from(field.values, (v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
      labels: field.labels ? { ...field.labels } : undefined,
      config: JSON.parse(JSON.stringify(field.config ?? {})) as Record<string, unknown>,
    })),
  }));
}
