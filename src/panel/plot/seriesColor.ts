import { Field, FieldColorModeId, fieldColorModeRegistry, FieldType, GrafanaTheme2 } from '@grafana/data';

import { PanelSeries } from '../../common/framesToSeries';

/**
 * The one colour of a series: its observed line, forecast, band and crossing markers share it.
 * A fixed colour from the field config (the panel's default or an override by series) wins;
 * otherwise Grafana's classic palette by series name, so a host has the same colour in every panel.
 */
export function seriesColor(series: Pick<PanelSeries, 'name' | 'color'>, theme: GrafanaTheme2): string {
  const mode = series.color?.mode;
  if ((mode === FieldColorModeId.Fixed || mode === FieldColorModeId.Shades) && series.color?.fixedColor) {
    return theme.visualization.getColorByName(series.color.fixedColor);
  }
  const field: Field = {
    name: series.name,
    type: FieldType.number,
    values: [],
    config: {},
    state: { displayName: series.name },
  };
  const byName = fieldColorModeRegistry.get(FieldColorModeId.PaletteClassicByName);
  return byName.getCalculator(field, theme)(0, 0);
}
