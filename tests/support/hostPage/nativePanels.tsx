/**
 * Grafana's core Time series, Stat and Table panels, stood in for by the @grafana/ui components they
 * are built on (the panels themselves are Grafana app code, not on npm): `TimeSeries` (uPlot, with
 * the same "fill below to" band support), `BigValue` fed by getFieldDisplayValues, and `Table`.
 * Frames go through the panel's transformations (done by the caller) and applyFieldOverrides with
 * the dashboard's field config, as in Grafana.
 */
import {
  applyFieldOverrides,
  DataFrame,
  FieldConfigOptionsRegistry,
  FieldConfigPropertyItem,
  getFieldDisplayValues,
  GrafanaTheme2,
  identityOverrideProcessor,
  numberOverrideProcessor,
  ReduceDataOptions,
  TimeRange,
} from '@grafana/data';
import { LegendDisplayMode } from '@grafana/schema';
import {
  BigValue,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueJustifyMode,
  BigValueTextMode,
  Table,
  TimeSeries,
} from '@grafana/ui';

import type { DashboardPanelJSON } from './hostPageConfig';
import { createStandardFieldConfigRegistry, toFieldConfigSource } from './standardFieldConfig';

const NoEditor = () => null;

function customItem(path: string, process: FieldConfigPropertyItem['process']): FieldConfigPropertyItem {
  return {
    id: `custom.${path}`,
    name: path,
    path,
    isCustom: true,
    process,
    shouldApply: () => true,
    editor: NoEditor,
    override: NoEditor,
  };
}

/**
 * The standard properties plus the Time series panel's custom ones the dashboard sets (band fill,
 * line width and style, legend visibility, threshold lines): without them in the registry,
 * applyFieldOverrides would drop those overrides, as Grafana does for unknown properties.
 */
export function createTimeSeriesFieldConfigRegistry(): FieldConfigOptionsRegistry {
  return new FieldConfigOptionsRegistry(() => [
    ...createStandardFieldConfigRegistry().list(),
    customItem('fillBelowTo', identityOverrideProcessor),
    customItem('fillOpacity', numberOverrideProcessor),
    customItem('lineWidth', numberOverrideProcessor),
    customItem('lineStyle', identityOverrideProcessor),
    customItem('hideFrom', identityOverrideProcessor),
    customItem('thresholdsStyle', identityOverrideProcessor),
    customItem('spanNulls', identityOverrideProcessor),
  ]);
}

/** The table panel's custom options the provisioned dashboard sets (Grafana's table panel declares them). */
export function createTableFieldConfigRegistry(): FieldConfigOptionsRegistry {
  return new FieldConfigOptionsRegistry(() => [
    ...createStandardFieldConfigRegistry().list(),
    customItem('align', identityOverrideProcessor),
    customItem('minWidth', numberOverrideProcessor),
    customItem('cellOptions', identityOverrideProcessor),
  ]);
}

export interface NativePanelProps {
  panel: DashboardPanelJSON;
  frames: DataFrame[];
  width: number;
  height: number;
  timeRange: TimeRange;
  timeZone: string;
  theme: GrafanaTheme2;
  registry: FieldConfigOptionsRegistry;
}

function withOverrides({ panel, frames, theme, timeZone, registry }: NativePanelProps): DataFrame[] {
  const fieldConfig = toFieldConfigSource(panel.fieldConfig ?? { defaults: {}, overrides: [] });
  return applyFieldOverrides({
    data: frames,
    fieldConfig,
    fieldConfigRegistry: registry,
    replaceVariables: (v: string) => v,
    theme,
    timeZone,
  });
}

/** What Grafana's panels show for a query that returned nothing (e.g. before `trendcast run` wrote anything). */
function NoData() {
  return <div data-testid="no-data">No data</div>;
}

/** Grafana's Time series panel: @grafana/ui's TimeSeries with the legend at the bottom. */
export function NativeTimeSeries(props: NativePanelProps) {
  const series = withOverrides(props);
  if (!series.some((f) => f.length > 0)) {
    return <NoData />;
  }
  return (
    <TimeSeries
      frames={series}
      width={props.width}
      height={props.height}
      timeRange={props.timeRange}
      timeZone={props.timeZone}
      legend={{ displayMode: LegendDisplayMode.List, placement: 'bottom', showLegend: true, calcs: [] }}
    />
  );
}

/** Grafana's Stat panel: one BigValue per display value of getFieldDisplayValues. */
export function NativeStat(props: NativePanelProps) {
  const series = withOverrides(props);
  const options = (props.panel.options ?? {}) as {
    reduceOptions?: ReduceDataOptions;
    colorMode?: BigValueColorMode;
    textMode?: BigValueTextMode;
  };
  const values = getFieldDisplayValues({
    fieldConfig: toFieldConfigSource(props.panel.fieldConfig ?? { defaults: {}, overrides: [] }),
    reduceOptions: options.reduceOptions ?? { calcs: [] },
    replaceVariables: (v: string) => v,
    theme: props.theme,
    data: series,
    timeZone: props.timeZone,
  });
  const width = Math.floor(props.width / Math.max(1, values.length));
  return (
    <div style={{ display: 'flex', gap: 0 }}>
      {values.map((v, i) => (
        <div key={i} data-testid="stat-value" data-title={v.display.title ?? ''} data-text={v.display.text}>
          <BigValue
            value={v.display}
            width={width}
            height={props.height}
            theme={props.theme}
            colorMode={options.colorMode ?? BigValueColorMode.Value}
            graphMode={BigValueGraphMode.None}
            justifyMode={BigValueJustifyMode.Auto}
            textMode={options.textMode ?? BigValueTextMode.ValueAndName}
          />
        </div>
      ))}
    </div>
  );
}

/** Grafana's Table panel: @grafana/ui's Table over the first frame. */
export function NativeTable(props: NativePanelProps) {
  const series = withOverrides(props);
  if (series.length === 0 || series[0].length === 0) {
    return <NoData />;
  }
  return <Table data={series[0]} width={props.width} height={props.height} />;
}
