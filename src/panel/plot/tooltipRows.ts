import { DataFrame, formattedValueToString } from '@grafana/data';

import { fieldRole, FieldRole } from './plotFrames';

/** One series in the tooltip: its values at the hovered time, formatted with the field's unit. */
export interface TooltipRow {
  series: string;
  color: string;
  values: Partial<Record<FieldRole, string>>;
}

/**
 * The tooltip's rows at the hovered point: per series (in plot order) its actual, forecast, lower
 * and upper values at the cursor's index of each field, formatted by the field's display processor.
 * `frames` are the plotted frames (plotFrames), `aligned` the joined frame uPlot draws, `dataIdxs`
 * the row index per aligned field (null where the series has no point near the cursor). Series
 * hidden from the plot and series with no value there are left out.
 */
export function tooltipRows(frames: DataFrame[], aligned: DataFrame, dataIdxs: Array<number | null>): TooltipRow[] {
  const rows = new Map<string, TooltipRow>();
  aligned.fields.forEach((field, i) => {
    const origin = field.state?.origin;
    const idx = dataIdxs[i];
    if (!origin || idx === null || idx === undefined) {
      return;
    }
    const frame = frames[origin.frameIndex];
    const source = frame?.fields[origin.fieldIndex];
    const role = fieldRole(frame, source);
    const value = field.values[idx];
    if (!role || !source || value === null || value === undefined || !Number.isFinite(value)) {
      return;
    }
    if (role.role !== 'lower' && role.role !== 'upper' && source.config.custom?.hideFrom?.viz) {
      return;
    }
    const row = rows.get(role.series) ?? {
      series: role.series,
      color: source.config.color?.fixedColor ?? '',
      values: {},
    };
    row.values[role.role] = source.display ? formattedValueToString(source.display(value)) : String(value);
    rows.set(role.series, row);
  });
  return Array.from(rows.values()).filter((r) => r.values.actual !== undefined || r.values.forecast !== undefined);
}
