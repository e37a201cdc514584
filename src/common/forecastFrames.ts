import {
  createDataFrame,
  DataFrame,
  Field,
  FieldColor,
  FieldType,
  QueryResultMeta,
  QueryResultMetaNotice,
} from '@grafana/data';

import { SeriesForecast } from '../models/forecastSeries';
import { PanelSeries } from './framesToSeries';
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

/** How the forecast fields are drawn: what a surface (panel or data source) changes, nothing else. */
export interface ForecastStyle {
  /** Draw the band (fill between lower and upper, and its edge lines). */
  showBand: boolean;
  /** The forecast line in the legend (the data source: yes; the panel: its series' line stands for it). */
  forecastInLegend: boolean;
  /** The series' colour, so that forecast and band match the observed line; unset: Grafana's default. */
  color?: FieldColor;
  /** Hidden from the plot (a legend click isolated another series). */
  hidden?: boolean;
}

export const DEFAULT_FORECAST_STYLE: ForecastStyle = { showBand: true, forecastInLegend: true };

/** Opacity (%) of the band's fill: visible on Grafana's dark and light themes. */
export const BAND_FILL_OPACITY = 25;

/**
 * One series' forecast as a frame: fields `Time`, `value`, `lower`, `upper`, the series' labels on
 * the three number fields, display names from forecastNames. The first row is the last observation
 * with the model's anchor (a band of zero width) so that the forecast line continues the data.
 * Field config styles it for Grafana's time series drawing (the data source's Time series panel and
 * this plugin's panel): the forecast dashed, the band as upper filled down to lower with thin
 * dashed edge lines; a dashboard's own overrides win over it. `style` is what a surface changes.
 * A series that cannot be forecast gives an empty frame whose notice says why. With an LSTM
 * status, meta.custom.lstm is its summary (action, cache, training, drift, held-out backtest:
 * lstmStatusSummary), so a panel or an API user can read the model's state and its backtest error.
 */
export function forecastFrame(
  series: PanelSeries,
  result: SeriesForecast,
  refId: string,
  lstm: LstmStatus | null = null,
  style: ForecastStyle = DEFAULT_FORECAST_STYLE
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
  const viz = style.hidden ?? false;
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
      ...(style.color ? { color: style.color } : {}),
      custom,
    },
  });
  const bandEdge = {
    lineWidth: style.showBand ? 1 : 0,
    lineStyle: { fill: 'dash', dash: [2, 4] },
    hideFrom: { legend: true, tooltip: false, viz: viz || !style.showBand },
  };
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
      numberField('value', value, names.value, {
        lineWidth: 2,
        lineStyle: { fill: 'dash', dash: [10, 6] },
        hideFrom: { legend: !style.forecastInLegend, tooltip: false, viz },
      }),
      numberField('lower', lower, names.lower, bandEdge),
      numberField('upper', upper, names.upper, {
        ...bandEdge,
        fillOpacity: style.showBand ? BAND_FILL_OPACITY : 0,
        fillBelowTo: names.lower,
      }),
    ],
  });
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
