import {
  createDataFrame,
  DataFrame,
  Field,
  FieldType,
  getDisplayProcessor,
  GrafanaTheme2,
  ThresholdsConfig,
} from '@grafana/data';
import type { GraphThresholdsStyleMode, TimeZone } from '@grafana/schema';

import { forecastFrame } from '../../common/forecastFrames';
import { PanelForecast } from '../usePanelForecasts';

/** What a plotted field stands for: the observed series, its forecast, or an edge of its band. */
export type FieldRole = 'actual' | 'forecast' | 'lower' | 'upper';

/** Key in a plotted frame's meta.custom naming the series it belongs to. */
const SERIES_KEY = 'trendcastSeries';

export interface PlotLook {
  /** One colour per forecast (seriesColor). */
  colors: string[];
  /** Series names isolated away by a legend click. */
  hidden: ReadonlySet<string>;
  showForecast: boolean;
  showBand: boolean;
  /** The panel's thresholds, drawn with Grafana's threshold style on the y axis' scale. */
  thresholds?: ThresholdsConfig;
  thresholdsStyle: GraphThresholdsStyleMode;
  /** The lowest and highest threshold values: the y axis always shows them (soft limits). */
  thresholdRange?: { min: number; max: number };
  min?: number;
  max?: number;
  theme: GrafanaTheme2;
  timeZone: TimeZone;
}

/**
 * The frames Grafana's time series drawing gets: per series, its observed values (a solid line in
 * its colour, in the legend) and its forecast frame from the shared builder (forecastFrame: dashed
 * forecast, band as upper filled down to lower with edge lines), all in the series' colour. The
 * first observed field carries the thresholds and their style, so they are drawn once.
 */
export function plotFrames(forecasts: PanelForecast[], look: PlotLook): DataFrame[] {
  const frames: DataFrame[] = [];
  forecasts.forEach(({ series, result }, i) => {
    const color = { mode: 'fixed', fixedColor: look.colors[i] };
    const hidden = look.hidden.has(series.name);
    const soft = look.thresholdRange
      ? { axisSoftMin: look.thresholdRange.min, axisSoftMax: look.thresholdRange.max }
      : {};
    frames.push(
      createDataFrame({
        name: series.name,
        meta: { custom: { [SERIES_KEY]: series.name } },
        fields: [
          { name: 'Time', type: FieldType.time, values: Array.from(series.times), config: {} },
          {
            name: 'Value',
            type: FieldType.number,
            values: Array.from(series.values, (v) => (v === null || v === undefined || !Number.isFinite(v) ? null : v)),
            labels: { ...series.labels },
            config: {
              displayNameFromDS: series.name,
              unit: series.unit,
              decimals: series.decimals,
              min: look.min,
              max: look.max,
              color,
              ...(i === 0 && look.thresholds ? { thresholds: look.thresholds } : {}),
              custom: {
                lineWidth: 1,
                fillOpacity: 0,
                hideFrom: { legend: false, tooltip: false, viz: hidden },
                ...soft,
                ...(i === 0 ? { thresholdsStyle: { mode: look.thresholdsStyle } } : {}),
              },
            },
          },
        ],
      })
    );
    if (look.showForecast && result.forecast) {
      const f = forecastFrame(series, result, 'forecast', null, {
        showBand: look.showBand,
        forecastInLegend: false,
        color,
        hidden,
      });
      f.meta = { ...f.meta, custom: { ...f.meta?.custom, [SERIES_KEY]: series.name } };
      for (const field of f.fields) {
        if (field.type === FieldType.number) {
          field.config = { ...field.config, min: look.min, max: look.max, custom: { ...field.config.custom, ...soft } };
        }
      }
      frames.push(f);
    }
  });
  for (const frame of frames) {
    for (const field of frame.fields) {
      field.display = getDisplayProcessor({ field, theme: look.theme, timeZone: look.timeZone });
    }
  }
  return frames;
}

/** The series and role of a plotted field (by its frame), or undefined for a field not drawn here. */
export function fieldRole(
  frame: DataFrame | undefined,
  field: Field | undefined
): { series: string; role: FieldRole } | undefined {
  const series = frame?.meta?.custom?.[SERIES_KEY];
  if (typeof series !== 'string' || !field || field.type !== FieldType.number) {
    return undefined;
  }
  const role: FieldRole | undefined =
    field.name === 'Value'
      ? 'actual'
      : field.name === 'value'
        ? 'forecast'
        : field.name === 'lower'
          ? 'lower'
          : field.name === 'upper'
            ? 'upper'
            : undefined;
  return role ? { series, role } : undefined;
}
